package org.caspianhub.producers.cli;

import java.util.List;
import java.util.Optional;
import org.caspianhub.runtime.Secret;
import org.caspianhub.runtime.Setting;

/** What the {@code caspian} CLI reads from the environment when no flag says otherwise. */
public final class CliSettings {

    public static final Setting<String> GATEWAY_URL = Setting.string("CASPIAN_GATEWAY_URL", "http://localhost:8080",
            "the gateway's base URL (--url)");
    public static final Setting<Optional<Secret>> API_KEY = Setting.secret("CASPIAN_API_KEY",
            "the API key (--api-key; prefer the environment: flags show in ps)");

    public static final List<Setting<?>> ALL = List.of(GATEWAY_URL, API_KEY);

    private CliSettings() {
    }
}
