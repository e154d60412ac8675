package org.caspianhub.consumers.taxii;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.caspianhub.runtime.ManagementSettings;
import org.caspianhub.runtime.PlatformSettings;
import org.caspianhub.runtime.Setting;
import org.caspianhub.runtime.Settings;
import org.caspianhub.runtime.auth.ApiKeySource;
import org.caspianhub.runtime.net.Loopback;
import org.caspianhub.runtime.auth.ApiKeyStore;
import org.caspianhub.runtime.auth.Role;

/**
 * The TAXII server's configuration, read through the declarations in {@link #ALL}, plus the API
 * key settings ({@link ApiKeySource}) and the platform's ({@link PlatformSettings}).
 */
public record TaxiiSettings(PlatformSettings platform, String host, int port, ManagementSettings management, String publicUrl, ApiKeyStore keys, boolean demoKeys,
                            Set<Role> readRoles, int defaultPageSize, int maxPageSize, String applicationId,
                            Path stateDirectory, Duration retention, Duration startTimeout, long indexMemoryBytes,
                            Duration settleTime) {

    public static final Setting<String> HOST = Setting.string("CASPIAN_TAXII_HOST", "localhost",
            "the address to listen on; 0.0.0.0 for every interface");
    public static final Setting<Integer> PORT = Setting.port("CASPIAN_TAXII_PORT", 8084,
            "TAXII only: the port the parties reach; 0 picks a free port");
    public static final ManagementSettings.Declared MANAGEMENT = ManagementSettings.declare("TAXII", 9084, PORT);
    public static final Setting<Optional<String>> PUBLIC_URL = Setting.optionalString("CASPIAN_TAXII_PUBLIC_URL",
            "the base URL clients reach (behind a TLS proxy: its https URL), used in discovery; unset: http://<Host header>."
                    + " Set it whenever the server listens beyond this machine");
    public static final Setting<List<String>> READ_ROLES = Setting.list("CASPIAN_TAXII_READ_ROLES", List.of("soc", "analyst"),
            "roles whose keys may read their party's collection");
    public static final Setting<Integer> PAGE_SIZE = Setting.integer("CASPIAN_TAXII_PAGE_SIZE", 100,
            "objects per page when the client gives no limit (at most CASPIAN_TAXII_MAX_PAGE_SIZE)").atLeast(1);
    public static final Setting<Integer> MAX_PAGE_SIZE = Setting.integer("CASPIAN_TAXII_MAX_PAGE_SIZE", 1000,
            "the largest page served, whatever the limit asked").atLeast(1);
    public static final Setting<String> APPLICATION_ID = Setting.string("CASPIAN_TAXII_APPLICATION_ID", "caspian-taxii",
            "names this server's Kafka clients (it joins no group and writes no topic)");
    public static final Setting<Path> STATE_DIR = Setting.path("CASPIAN_TAXII_STATE_DIR", "data/taxii",
            "the collection index (rebuilt from the alert topics when missing)")
            .defaultFrom(settings -> PlatformSettings.DATA_DIR.read(settings).resolve("taxii"), "<CASPIAN_DATA_DIR>/taxii");
    public static final Setting<Duration> RETENTION = Setting.positiveDuration("CASPIAN_TAXII_RETENTION", "90d",
            "objects added longer ago leave the collections (the alert topics must keep their records as long)");
    public static final Setting<Long> INDEX_MEMORY_MB = Setting.longValue("CASPIAN_TAXII_INDEX_MEMORY_MB", 64,
            "off-heap memory of the index in MiB (RocksDB block cache, memtables, index and filter blocks)").atLeast(8L);
    public static final Setting<Duration> SETTLE_TIME = Setting.duration("CASPIAN_TAXII_SETTLE_TIME", "2s",
            "how far behind the alert topics the collections stay, so that nothing appended later gets an earlier"
                    + " date_added").atLeast(Duration.ZERO);
    public static final Setting<Duration> START_TIMEOUT = Setting.duration("CASPIAN_TAXII_START_TIMEOUT", "60s",
            "how long start-up waits for the collections to be ready");

    public static final List<Setting<?>> ALL = List.of(HOST, PORT, MANAGEMENT.host(), MANAGEMENT.port(), PUBLIC_URL,
            READ_ROLES, PAGE_SIZE, MAX_PAGE_SIZE, APPLICATION_ID, STATE_DIR, RETENTION, INDEX_MEMORY_MB, SETTLE_TIME,
            START_TIMEOUT);

    public TaxiiSettings {
        readRoles = Set.copyOf(readRoles);
        if (maxPageSize < defaultPageSize) {
            throw new IllegalArgumentException("TAXII page sizes must satisfy " + PAGE_SIZE.name() + " <= "
                    + MAX_PAGE_SIZE.name() + ", got " + defaultPageSize + " and " + maxPageSize);
        }
    }

    public static TaxiiSettings from(Settings settings) {
        PlatformSettings platform = PlatformSettings.from(settings);
        String host = HOST.read(settings);
        // refuses the well-known demo keys on a server other machines can reach
        ApiKeySource.Resolved keys = ApiKeySource.resolve(settings, platform.parties(), "the TAXII server", host);
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String role : READ_ROLES.read(settings)) {
            roles.add(Role.parse(role));
        }
        return new TaxiiSettings(platform, host, PORT.read(settings), MANAGEMENT.read(settings),
                PUBLIC_URL.read(settings).orElse(null),
                keys.store(), keys.demo(), roles,
                PAGE_SIZE.read(settings), MAX_PAGE_SIZE.read(settings),
                APPLICATION_ID.read(settings),
                STATE_DIR.read(settings),
                RETENTION.read(settings),
                START_TIMEOUT.read(settings),
                INDEX_MEMORY_MB.read(settings) << 20,
                SETTLE_TIME.read(settings));
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
                applicationId, stateDirectory, retention, startTimeout, indexMemoryBytes, settleTime);
    }

    public TaxiiSettings withKeys(ApiKeyStore newKeys) {
        return new TaxiiSettings(platform, host, port, management, publicUrl, newKeys, false, readRoles, defaultPageSize, maxPageSize,
                applicationId, stateDirectory, retention, startTimeout, indexMemoryBytes, settleTime);
    }

    public TaxiiSettings withState(String newApplicationId, Path newStateDirectory) {
        return new TaxiiSettings(platform, host, port, management, publicUrl, keys, demoKeys, readRoles, defaultPageSize, maxPageSize,
                newApplicationId, newStateDirectory, retention, startTimeout, indexMemoryBytes, settleTime);
    }

    @Override
    public String toString() {
        return "TaxiiSettings[host=" + host + ", port=" + port + ", publicUrl=" + publicUrl + ", keys=" + (demoKeys ? "demo" : keys.principals().size())
                + ", readRoles=" + readRoles + ", pages=" + defaultPageSize + "/" + maxPageSize + ", applicationId="
                + applicationId + ", stateDir=" + stateDirectory + ", " + platform + "]";
    }
}
