package dev.rotor.command;

import dev.rotor.kernel.common.ErrorCode;
import dev.rotor.kernel.common.RotorException;
import java.util.function.Consumer;
import org.hamcrest.BaseMatcher;
import org.hamcrest.Description;
import org.hamcrest.Matcher;

/**
 * Hamcrest matchers for Axon fixture expectations: payloads checked with AssertJ requirements
 * (for values the aggregate generates, such as password hashes) and domain rejections by error code.
 */
public final class RotorMatchers {

    private RotorMatchers() {
    }

    /**
     * Matches a payload of the given type for which {@code requirements} (AssertJ assertions) all
     * hold. The last failed requirement is shown in the mismatch description.
     */
    public static <E> Matcher<Object> payloadSatisfying(Class<E> type, Consumer<E> requirements) {
        return new BaseMatcher<>() {
            private String lastFailure;

            @Override
            public boolean matches(Object actual) {
                if (!type.isInstance(actual)) {
                    lastFailure = "not a " + type.getSimpleName() + ": " + actual;
                    return false;
                }
                try {
                    requirements.accept(type.cast(actual));
                    return true;
                } catch (AssertionError failure) {
                    lastFailure = failure.getMessage();
                    return false;
                }
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a " + type.getSimpleName() + " satisfying the requirements");
                if (lastFailure != null) {
                    description.appendText(" (last failure: " + lastFailure.strip() + ")");
                }
            }
        };
    }

    /** Matches a payload equal (by {@code equals}, records compare by components) to {@code expected}. */
    public static Matcher<Object> payloadEqualTo(Object expected) {
        return new BaseMatcher<>() {
            @Override
            public boolean matches(Object actual) {
                return expected.equals(actual);
            }

            @Override
            public void describeTo(Description description) {
                description.appendValue(expected);
            }
        };
    }

    /** Matches a {@link RotorException} carrying the given error code. */
    public static Matcher<Object> rotorError(ErrorCode code) {
        return new BaseMatcher<>() {
            @Override
            public boolean matches(Object actual) {
                return actual instanceof RotorException e && e.errorCode() == code;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a RotorException with error code " + code);
            }

            @Override
            public void describeMismatch(Object item, Description description) {
                if (item instanceof RotorException e) {
                    description.appendText("error code was " + e.errorCode() + " (" + e.getMessage() + ")");
                } else {
                    description.appendText("was " + item);
                }
            }
        };
    }
}
