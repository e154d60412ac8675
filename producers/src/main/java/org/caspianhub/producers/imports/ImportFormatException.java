package org.caspianhub.producers.imports;

/** A file that is not of the format it was named or detected as, said specifically. */
public final class ImportFormatException extends RuntimeException {

    public ImportFormatException(String message) {
        super(message);
    }

    public ImportFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
