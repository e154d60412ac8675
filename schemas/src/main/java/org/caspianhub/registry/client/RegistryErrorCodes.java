package org.caspianhub.registry.client;

/** Confluent Schema Registry error codes, shared by the client and the embedded registry. */
public final class RegistryErrorCodes {

    public static final int SUBJECT_NOT_FOUND = 40401;
    public static final int VERSION_NOT_FOUND = 40402;
    public static final int SCHEMA_NOT_FOUND = 40403;
    public static final int SUBJECT_SOFT_DELETED = 40404;
    public static final int SUBJECT_NOT_SOFT_DELETED = 40405;
    public static final int VERSION_SOFT_DELETED = 40406;
    public static final int VERSION_NOT_SOFT_DELETED = 40407;
    public static final int SUBJECT_COMPATIBILITY_NOT_CONFIGURED = 40408;
    public static final int INVALID_SCHEMA = 42201;
    public static final int INVALID_VERSION = 42202;
    public static final int INVALID_COMPATIBILITY_LEVEL = 42203;
    public static final int REFERENCE_EXISTS = 42206;
    public static final int INCOMPATIBLE_SCHEMA = 409;
    public static final int MALFORMED_REQUEST = 400;
    public static final int STORE_ERROR = 50001;

    private RegistryErrorCodes() {
    }
}
