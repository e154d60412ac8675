package org.caspianhub.consumers.taxii;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.caspianhub.runtime.ManagementSettings;
import org.caspianhub.runtime.PlatformSettings;
import org.caspianhub.runtime.Settings;
import org.caspianhub.runtime.auth.ApiKeySource;
import org.caspianhub.runtime.net.Loopback;
import org.caspianhub.runtime.auth.ApiKeyStore;
import org.caspianhub.runtime.auth.Role;

/**
 * The TAXII server's configuration:
 *
 * <table>
 * <caption>settings</caption>
 * <tr><td>CASPIAN_TAXII_HOST</td><td>localhost</td><td>the address to listen on; 0.0.0.0 for every interface</td></tr>
 * <tr><td>CASPIAN_TAXII_PORT</td><td>8084</td><td>TAXII: the port the parties reach</td></tr>
 * <tr><td>CASPIAN_TAXII_MANAGEMENT_HOST</td><td>localhost</td><td>where /health and /metrics listen</td></tr>
 * <tr><td>CASPIAN_TAXII_MANAGEMENT_PORT</td><td>9084 (0 when CASPIAN_TAXII_PORT is 0)</td><td>/health and /metrics</td></tr>
 * <tr><td>CASPIAN_TAXII_PUBLIC_URL</td><td>http://&lt;Host header&gt;</td><td>the base URL clients reach (behind a TLS proxy: its https URL), used in discovery;
 *     set it whenever the server listens beyond this machine</td></tr>
 * <tr><td>CASPIAN_API_KEYS_FILE</td><td>unset</td><td>API keys (see ApiKeyStore); unset: the well-known demo keys demo-&lt;party&gt;-&lt;role&gt;,
 *     accepted only while the server listens on loopback (see ApiKeySource)</td></tr>
 * <tr><td>CASPIAN_ALLOW_DEMO_KEYS</td><td>false</td><td>true accepts the demo keys on a server listening beyond loopback (closed test networks only)</td></tr>
 * <tr><td>CASPIAN_TAXII_READ_ROLES</td><td>soc,analyst</td><td>roles whose keys may read their party's collection</td></tr>
 * <tr><td>CASPIAN_TAXII_PAGE_SIZE</td><td>100</td><td>objects per page when the client gives no limit</td></tr>
 * <tr><td>CASPIAN_TAXII_MAX_PAGE_SIZE</td><td>1000</td><td>the largest page served, whatever the limit asked</td></tr>
 * <tr><td>CASPIAN_TAXII_APPLICATION_ID</td><td>caspian-taxii</td><td>Kafka Streams application id (names the changelog topics the collections are rebuilt from)</td></tr>
 * <tr><td>CASPIAN_TAXII_STATE_DIR</td><td>&lt;CASPIAN_DATA_DIR&gt;/taxii</td><td>local copy of the collection stores</td></tr>
 * <tr><td>CASPIAN_TAXII_RETENTION</td><td>90d</td><td>objects added longer ago leave the collections</td></tr>
 * <tr><td>CASPIAN_TAXII_START_TIMEOUT</td><td>60s</td><td>how long start-up waits for the collections to be ready</td></tr>
 * </table>
 */
public record TaxiiSettings(PlatformSettings platform, String host, int port, ManagementSettings management, String publicUrl, ApiKeyStore keys, boolean demoKeys,
                            Set<Role> readRoles, int defaultPageSize, int maxPageSize, String applicationId,
                            Path stateDirectory, Duration retention, Duration startTimeout) {

    public TaxiiSettings {
        readRoles = Set.copyOf(readRoles);
        if (defaultPageSize < 1 || maxPageSize < defaultPageSize) {
            throw new IllegalArgumentException("TAXII page sizes must satisfy 1 <= CASPIAN_TAXII_PAGE_SIZE <= "
                    + "CASPIAN_TAXII_MAX_PAGE_SIZE, got " + defaultPageSize + " and " + maxPageSize);
        }
    }

    public static TaxiiSettings from(Settings settings) {
        PlatformSettings platform = PlatformSettings.from(settings);
        String host = settings.string("CASPIAN_TAXII_HOST", "localhost");
        int port = settings.integer("CASPIAN_TAXII_PORT", 8084);
        // refuses the well-known demo keys on a server other machines can reach
        ApiKeySource.Resolved keys = ApiKeySource.resolve(settings, platform.parties(), "the TAXII server", host);
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String role : settings.list("CASPIAN_TAXII_READ_ROLES", java.util.List.of("soc", "analyst"))) {
            roles.add(Role.parse(role));
        }
        return new TaxiiSettings(platform, host, port, ManagementSettings.from(settings, "TAXII", 9084, port),
                settings.optional("CASPIAN_TAXII_PUBLIC_URL").orElse(null),
                keys.store(), keys.demo(), roles,
                settings.integer("CASPIAN_TAXII_PAGE_SIZE", 100), settings.integer("CASPIAN_TAXII_MAX_PAGE_SIZE", 1000),
                settings.string("CASPIAN_TAXII_APPLICATION_ID", "caspian-taxii"),
                settings.optional("CASPIAN_TAXII_STATE_DIR").map(Path::of)
                        .orElseGet(() -> platform.stateDirectory("taxii")),
                settings.duration("CASPIAN_TAXII_RETENTION", Duration.ofDays(90)),
                settings.duration("CASPIAN_TAXII_START_TIMEOUT", Duration.ofSeconds(60)));
    }

    /**
     * What an operator should know before this server takes requests: without
     * CASPIAN_TAXII_PUBLIC_URL, discovery builds the API root URL from each request's Host header,
     * which is harmless when clients connect straight to this machine but lets anything in between
     * that rewrites or caches by Host (a proxy, a shared cache) point clients, credentials and all,
     * at another server.
     */
    public Optional<String> publicUrlWarning() {
        if (publicUrl != null || Loopback.isLoopbackBindAddress(host)) {
            return Optional.empty();
        }
        return Optional.of("TAXII listens on " + host + " without CASPIAN_TAXII_PUBLIC_URL: discovery answers "
                + "with API root URLs built from each request's Host header. Set CASPIAN_TAXII_PUBLIC_URL to the URL "
                + "clients use (behind a TLS proxy, its https:// URL)");
    }

    public TaxiiSettings withPort(int newPort) {
        return new TaxiiSettings(platform, host, newPort, management, publicUrl, keys, demoKeys, readRoles, defaultPageSize, maxPageSize,
                applicationId, stateDirectory, retention, startTimeout);
    }

    public TaxiiSettings withKeys(ApiKeyStore newKeys) {
        return new TaxiiSettings(platform, host, port, management, publicUrl, newKeys, false, readRoles, defaultPageSize, maxPageSize,
                applicationId, stateDirectory, retention, startTimeout);
    }

    public TaxiiSettings withState(String newApplicationId, Path newStateDirectory) {
        return new TaxiiSettings(platform, host, port, management, publicUrl, keys, demoKeys, readRoles, defaultPageSize, maxPageSize,
                newApplicationId, newStateDirectory, retention, startTimeout);
    }

    @Override
    public String toString() {
        return "TaxiiSettings[host=" + host + ", port=" + port + ", publicUrl=" + publicUrl + ", keys=" + (demoKeys ? "demo" : keys.principals().size())
                + ", readRoles=" + readRoles + ", pages=" + defaultPageSize + "/" + maxPageSize + ", applicationId="
                + applicationId + ", stateDir=" + stateDirectory + ", " + platform + "]";
    }
}
