package org.caspianhub.runtime.net;

import com.google.common.net.InetAddresses;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Whether a host stays on this machine, in the two senses the hub needs; they differ on purpose:
 * <ul>
 * <li>{@link #isLoopbackBindAddress}: an address a service is about to listen on. The name is resolved,
 *     since binding resolves it the same way, now;</li>
 * <li>{@link #isLoopbackLiteral}: a destination the hub will connect to later (a webhook, a syslog
 *     receiver). Only {@code localhost} or a loopback address literal counts: a name is never resolved,
 *     since its DNS answer can change between this check and the connection.</li>
 * </ul>
 */
public final class Loopback {

    private Loopback() {
    }

    /** Whether a bind address keeps the service on this machine; no host means every interface. */
    public static boolean isLoopbackBindAddress(String host) {
        if (host == null || host.isBlank()) {
            return false;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** {@code localhost} or a loopback address literal; names are not resolved (a DNS answer can change). */
    public static boolean isLoopbackLiteral(String host) {
        if (host == null) {
            return false;
        }
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        return InetAddresses.isUriInetAddress(host) && InetAddresses.forUriString(host).isLoopbackAddress();
    }
}
