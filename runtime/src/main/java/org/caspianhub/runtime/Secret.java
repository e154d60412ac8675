package org.caspianhub.runtime;

import java.util.Objects;

/** A configured secret (password, API key, HMAC key). Its {@code toString} never shows the value. */
public final class Secret {

    private final String value;

    public Secret(String value) {
        this.value = Objects.requireNonNull(value, "secret");
    }

    /** The secret itself: call only where it is used, never to log or print. */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "****";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret s && s.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
