package dev.rotor.kernel.common;

/**
 * The serializable form of a {@link RotorException}, carried as the details of an Axon
 * {@code CommandExecutionException} or {@code QueryExecutionException} so that a rejection keeps its
 * code when command and query roles run in different processes.
 */
public record ErrorDetails(String code, String detail, Long retryAfterSeconds) {

    public RotorException toException() {
        return new RotorException(ErrorCode.fromCode(code), detail, retryAfterSeconds);
    }
}
