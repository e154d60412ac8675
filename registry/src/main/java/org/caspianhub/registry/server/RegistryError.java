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

    static RegistryError subjectSoftDeleted(String subject) {
        return new RegistryError(404, RegistryErrorCodes.SUBJECT_SOFT_DELETED,
                "Subject '" + subject + "' was soft deleted. Set permanent=true to delete permanently");
    }

    static RegistryError subjectNotSoftDeleted(String subject) {
        return new RegistryError(404, RegistryErrorCodes.SUBJECT_NOT_SOFT_DELETED,
                "Subject '" + subject + "' was not deleted first before being permanently deleted");
    }

    static RegistryError versionSoftDeleted(String subject, int version) {
        return new RegistryError(404, RegistryErrorCodes.VERSION_SOFT_DELETED,
                "Subject '" + subject + "' Version " + version + " was soft deleted. Set permanent=true to delete permanently");
    }

    static RegistryError versionNotSoftDeleted(String subject, int version) {
        return new RegistryError(404, RegistryErrorCodes.VERSION_NOT_SOFT_DELETED,
                "Subject '" + subject + "' Version " + version + " was not deleted first before being permanently deleted");
    }

    static RegistryError subjectCompatibilityNotConfigured(String subject) {
        return new RegistryError(404, RegistryErrorCodes.SUBJECT_COMPATIBILITY_NOT_CONFIGURED,
                "Subject '" + subject + "' does not have subject-level compatibility configured");
    }

    static RegistryError referenceExists(String subject, int version, String bySubject, int byVersion) {
        return new RegistryError(422, RegistryErrorCodes.REFERENCE_EXISTS, "One or more references exist to the schema {subject="
                + subject + ",version=" + version + "}: subject '" + bySubject + "' version " + byVersion + " references it");
    }

    /** What Confluent's registry answers for a path or method it does not serve. */
    static RegistryError noSuchEndpoint(int httpStatus, String method, String path) {
        return new RegistryError(httpStatus, httpStatus, "HTTP " + httpStatus + " "
                + (httpStatus == 405 ? "Method Not Allowed" : "Not Found") + ": " + method + " " + path);
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
