package dev.rotor.kernel.common;

/**
 * A rejection the domain decided on, carrying its stable {@link ErrorCode}. The message is safe to
 * show to the client: it never contains a secret.
 */
public class RotorException extends RuntimeException {

    private final ErrorCode errorCode;
    private final Long retryAfterSeconds;

    public RotorException(ErrorCode errorCode, String detail) {
        this(errorCode, detail, null);
    }

    public RotorException(ErrorCode errorCode, String detail, Long retryAfterSeconds) {
        super(detail, null, false, false);
        this.errorCode = errorCode;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public ErrorCode errorCode() {
        return errorCode;
    }

    /** Seconds a client should wait before trying again, or {@code null}. */
    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public ErrorDetails toDetails() {
        return new ErrorDetails(errorCode.code(), getMessage(), retryAfterSeconds);
    }
}
