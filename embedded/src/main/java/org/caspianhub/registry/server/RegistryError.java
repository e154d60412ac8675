package org.caspianhub.registry.server;

import org.caspianhub.registry.client.RegistryErrorCodes;

/** An error the registry answers with: an HTTP status and Confluent's error code. */
public final class RegistryError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int httpStatus;
    private final int errorCode;

    private RegistryError(int httpStatus, int errorCode, String message) {
        super(message);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public int errorCode() {
        return errorCode;
    }

    static RegistryError subjectNotFound(String subject) {
        return new RegistryError(404, RegistryErrorCodes.SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.");
    }

    static RegistryError versionNotFound(String subject, String version) {
        return new RegistryError(404, RegistryErrorCodes.VERSION_NOT_FOUND,
                "Version " + version + " not found for subject '" + subject + "'.");
    }

    static RegistryError schemaNotFound(String detail) {
        return new RegistryError(404, RegistryErrorCodes.SCHEMA_NOT_FOUND, "Schema not found: " + detail);
    }

    static RegistryError invalidSchema(String detail) {
        return new RegistryError(422, RegistryErrorCodes.INVALID_SCHEMA, "Invalid schema: " + detail);
    }

    static RegistryError invalidVersion(String version) {
        return new RegistryError(422, RegistryErrorCodes.INVALID_VERSION, "The specified version '" + version
                + "' is not a valid version id. Allowed values are between [1, 2^31-1] and the string \"latest\"");
    }

    static RegistryError invalidCompatibility(String level) {
        return new RegistryError(422, RegistryErrorCodes.INVALID_COMPATIBILITY_LEVEL,
                "Invalid compatibility level '" + level + "'. Valid values are none, backward, backward_transitive, "
                        + "forward, forward_transitive, full, full_transitive");
    }

    static RegistryError incompatible(String detail) {
        return new RegistryError(409, RegistryErrorCodes.INCOMPATIBLE_SCHEMA,
                "Schema being registered is incompatible with an earlier schema for subject: " + detail);
    }

    static RegistryError malformed(String detail) {
        return new RegistryError(400, RegistryErrorCodes.MALFORMED_REQUEST, "Malformed request: " + detail);
    }

    static RegistryError unprocessable(String detail) {
        return new RegistryError(422, 422, "Unprocessable request: " + detail);
    }

    static RegistryError storeError(String detail, Throwable cause) {
        RegistryError error = new RegistryError(500, RegistryErrorCodes.STORE_ERROR, "Error in the backend datastore: " + detail);
        if (cause != null) {
            error.initCause(cause);
        }
        return error;
    }
}
