package dev.rotor.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rotor.kernel.session.RefreshSessionCommand;
import java.util.List;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.junit.jupiter.api.Test;

/** The cached resolver answers exactly as Axon's own annotation resolver, for every shape of command. */
class CachedCommandTargetResolverTest {

    private final CachedCommandTargetResolver cached = new CachedCommandTargetResolver();
    private final AnnotationCommandTargetResolver axon = AnnotationCommandTargetResolver.builder().build();

    record OnRecordComponent(@TargetAggregateIdentifier String id, String other) {
    }

    static class OnMethodWithVersionField {
        @TargetAggregateVersion
        private final int version;
        private final String id;

        OnMethodWithVersionField(String id, int version) {
            this.id = id;
            this.version = version;
        }

        @TargetAggregateIdentifier
        String target() {
            return "agg-" + id;
        }
    }

    static class InheritsItsTarget extends OnMethodWithVersionField {
        InheritsItsTarget(String id) {
            super(id, 7);
        }
    }

    record VersionAsText(@TargetAggregateIdentifier String id, @TargetAggregateVersion String version) {
    }

    record NoTarget(String id) {
    }

    @Test
    void answersAsAxonsResolverDoes() {
        for (Object payload : List.of(new OnRecordComponent("a", "b"), new OnRecordComponent("c", null),
                new OnMethodWithVersionField("d", 3), new InheritsItsTarget("e"), new VersionAsText("f", "12"),
                new VersionAsText("g", null))) {
            CommandMessage<?> command = GenericCommandMessage.asCommandMessage(payload);
            VersionedAggregateIdentifier expected = axon.resolveTarget(command);
            // twice: the first look-up and the cached one
            assertThat(cached.resolveTarget(command)).as(payload.toString()).isEqualTo(expected);
            assertThat(cached.resolveTarget(command)).as(payload.toString()).isEqualTo(expected);
        }
        assertThat(cached.resolveTarget(GenericCommandMessage.asCommandMessage(new InheritsItsTarget("e"))))
                .extracting(VersionedAggregateIdentifier::getIdentifier, VersionedAggregateIdentifier::getVersion)
                .containsExactly("agg-e", 7L);
    }

    @Test
    void aKernelCommandFindsItsSession() {
        RefreshSessionCommand refresh = new RefreshSessionCommand("session-1", null, null, null, null, null);
        CommandMessage<?> command = GenericCommandMessage.asCommandMessage(refresh);
        assertThat(cached.resolveTarget(command)).isEqualTo(axon.resolveTarget(command));
        assertThat(cached.resolveTarget(command).getIdentifier()).isEqualTo("session-1");
    }

    @Test
    void refusesACommandWithoutATargetOrWithANullOne() {
        assertThatThrownBy(() -> cached.resolveTarget(GenericCommandMessage.asCommandMessage(new NoTarget("x"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NoTarget");
        assertThatThrownBy(() -> cached.resolveTarget(GenericCommandMessage.asCommandMessage(new OnRecordComponent(null, "y"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("OnRecordComponent");
        assertThatThrownBy(() -> cached.resolveTarget(GenericCommandMessage.asCommandMessage(new VersionAsText("z", "v1"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a number");
    }
}
