package org.caspianhub.consumers.taxii;

/**
 * A TAXII error, answered with the specification's error message resource
 * ({@code {"title", "description", "http_status", ...}}) and the TAXII media type.
 */
final class TaxiiException extends RuntimeException {

    private final int status;
    private final String title;
    private final String errorCode;

    TaxiiException(int status, String title, String description, String errorCode) {
        super(description);
        this.status = status;
        this.title = title;
        this.errorCode = errorCode;
    }

    static TaxiiException badRequest(String description) {
        return new TaxiiException(400, "Invalid request", description, "invalid_parameter");
    }

    static TaxiiException unauthorized(String description) {
        return new TaxiiException(401, "Authentication required", description, "unauthenticated");
    }

    static TaxiiException forbidden(String description) {
        return new TaxiiException(403, "Forbidden", description, "forbidden");
    }

    static TaxiiException notFound(String description) {
        return new TaxiiException(404, "Not found", description, "not_found");
    }

    static TaxiiException notAcceptable(String description) {
        return new TaxiiException(406, "Not acceptable", description, "not_acceptable");
    }

    static TaxiiException unavailable(String description) {
        return new TaxiiException(503, "Service unavailable", description, "unavailable");
    }

    int status() {
        return status;
    }

    String title() {
        return title;
    }

    String errorCode() {
        return errorCode;
    }
}
