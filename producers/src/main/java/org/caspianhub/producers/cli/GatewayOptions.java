package org.caspianhub.producers.cli;

import java.util.Map;
import org.caspianhub.runtime.Secret;
import org.caspianhub.runtime.Settings;
import picocli.CommandLine.Option;

/** Where the gateway is and which key to use: flags over environment, shared by every command. */
final class GatewayOptions {

    @Option(names = "--url", description = "the gateway's base URL (env CASPIAN_GATEWAY_URL, default http://localhost:8080)")
    String url;

    @Option(names = "--api-key", description = "the API key (env CASPIAN_API_KEY; prefer the environment: flags show in ps)")
    String apiKey;

    @Option(names = "--json", description = "print the gateway's JSON answer instead of a summary")
    boolean json;

    GatewayClient client(Map<String, String> environment) {
        Settings settings = Settings.of(environment);
        String base = url != null ? url : CliSettings.GATEWAY_URL.read(settings);
        String key = apiKey != null ? apiKey : CliSettings.API_KEY.read(settings).map(Secret::reveal).orElse(null);
        if (key == null || key.isBlank()) {
            throw new MissingApiKeyException();
        }
        return new GatewayClient(base, key.trim());
    }
}
