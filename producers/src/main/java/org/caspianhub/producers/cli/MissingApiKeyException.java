package org.caspianhub.producers.cli;

/**
 * No API key was given, neither in {@code CASPIAN_API_KEY} nor with {@code --api-key}: an
 * authentication problem for scripts (exit code {@link ExitCodes#AUTH}), like a key the gateway
 * refuses, not a usage error.
 */
final class MissingApiKeyException extends RuntimeException {

    MissingApiKeyException() {
        super("no API key: set CASPIAN_API_KEY or pass --api-key");
    }
}
