package org.caspianhub.indicators.normalize;

/**
 * One specific problem with one field of a submission, e.g. field {@code value}, code
 * {@code invalid_sha256}, message "sha256 must be 64 hex characters, got 63". The gateway answers
 * with these (HTTP 400) and the topology writes them into Rejection records. Codes are listed in
 * {@link ErrorCodes}.
 */
public record FieldError(String field, String code, String message) {

    /** The submission field holding the indicator value. */
    public static final String VALUE = "value";
    /** The submission field holding the declared type. */
    public static final String TYPE = "type";
}
