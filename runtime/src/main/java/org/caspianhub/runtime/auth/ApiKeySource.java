package org.caspianhub.runtime.auth;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.caspianhub.parties.Parties;
import org.caspianhub.runtime.Setting;
import org.caspianhub.runtime.Settings;
import org.caspianhub.runtime.net.Loopback;

/**
 * Where a service's API keys come from: the hashed key file ({@code CASPIAN_API_KEYS_FILE}), or,
 * when none is configured, the well-known demo keys, but only for a service that listens on this
 * machine alone. A service bound beyond loopback with demo keys would let anyone who guesses
 * {@code demo-ir-soc} in, so it refuses to start unless {@code CASPIAN_ALLOW_DEMO_KEYS=true} says
 * the network is a closed test one.
 */
public final class ApiKeySource {

    /** The keys in force, and the demo keys by name when those are what is in force. */
    public record Resolved(ApiKeyStore store, Map<String, Principal> demoKeys) {
        public boolean demo() {
            return !demoKeys.isEmpty();
        }
    }

    public static final Setting<Optional<Path>> API_KEYS_FILE = Setting.optionalPath("CASPIAN_API_KEYS_FILE",
            "JSON array of hashed API keys {name, party, role, sha256} (gateway, TAXII); unset: the well-known demo keys"
                    + " demo-<party>-<role>, for a service bound to loopback only");
    public static final Setting<Boolean> ALLOW_DEMO_KEYS = Setting.bool("CASPIAN_ALLOW_DEMO_KEYS", false,
            "true lets the demo keys serve beyond loopback, on a closed test network only");

    /** The settings of every service that takes API keys (gateway, TAXII). */
    public static final List<Setting<?>> ALL = List.of(API_KEYS_FILE, ALLOW_DEMO_KEYS);

    private ApiKeySource() {
    }

    /**
     * @param bindHost the host the service listens on ({@code localhost}, {@code 0.0.0.0}, ...)
     * @throws IllegalStateException when demo keys would be reachable from other machines
     */
    public static Resolved resolve(Settings settings, Parties parties, String service, String bindHost) {
        Optional<Path> file = API_KEYS_FILE.read(settings);
        if (file.isPresent()) {
            return new Resolved(ApiKeyStore.load(file.get(), parties), Map.of());
        }
        if (!Loopback.isLoopbackBindAddress(bindHost) && !ALLOW_DEMO_KEYS.read(settings)) {
            throw new IllegalStateException(service + " listens on " + bindHost + ", beyond this machine, and "
                    + "CASPIAN_API_KEYS_FILE is not set: the well-known demo keys would let anyone in. Set "
                    + "CASPIAN_API_KEYS_FILE (or CASPIAN_ALLOW_DEMO_KEYS=true on a closed test network)");
        }
        Map<String, Principal> demo = ApiKeyStore.demoKeys(parties);
        return new Resolved(ApiKeyStore.of(demo), demo);
    }
}
