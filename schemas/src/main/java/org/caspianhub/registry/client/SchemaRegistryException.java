package org.caspianhub.registry.client;

/**
 * An error the registry answered with, carrying Confluent's error code (40401 subject not
 * found, 40403 schema not found, 42201 invalid schema, 409 incompatible, ...).
 */
public class SchemaRegistryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int httpStatus;
    private final int errorCode;

    public SchemaRegistryException(int httpStatus, int errorCode, String message) {
        super(message + " (HTTP " + httpStatus + ", error code " + errorCode + ")");
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    public SchemaRegistryException(String message, Throwable cause) {
        super(message, cause);
        this.httpStatus = -1;
        this.errorCode = -1;
    }

    /** The HTTP status, or -1 when the registry could not be reached. */
    public int httpStatus() {
        return httpStatus;
    }

    /** Confluent's error code, or -1 when the registry could not be reached. */
    public int errorCode() {
        return errorCode;
    }
}
