package org.caspianhub.consumers.siem;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.caspianhub.consumers.delivery.AttemptResult;
import org.caspianhub.consumers.subscription.Destination;

/**
 * Syslog over TLS (RFC 5425) to one listener, kept open between alerts. The listener's
 * certificate is checked against the subscription's trust and its name against the host, as
 * HTTPS does.
 *
 * <p>Unlike the plain connection this one blocks: an {@link SSLSocket} has no non-blocking mode
 * (an SSLEngine over a selector would be several times this code). The attempt's deadline is kept
 * by a watchdog instead, which closes the TCP socket under the TLS one when the attempt outlives
 * it, since closing is the one thing that ends a write blocked on a full TCP window. (Not the TLS
 * socket: its close sends close_notify under the lock the blocked write holds.) Everything else
 * runs on the subscription's single writer thread.
 */
final class TlsSyslogConnection {

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "syslog-tls-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    private final Destination.Syslog syslog;
    private final SSLSocketFactory sockets;
    private final long timeoutNanos;
    private SSLSocket socket;
    /** The TCP connection under {@link #socket}: what the watchdog closes. */
    private volatile Socket tcp;

    TlsSyslogConnection(Destination.Syslog syslog, SSLContext context, long timeoutNanos) {
        this.syslog = syslog;
        this.sockets = context.getSocketFactory();
        this.timeoutNanos = timeoutNanos;
    }

    AttemptResult write(byte[] frame, long deadline) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            return new AttemptResult.Retryable(where() + ": the attempt's " + millis()
                    + " ms ran out while earlier frames were written", null, null);
        }
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> alarm = WATCHDOG.schedule(() -> {
            expired.set(true);
            closeQuietly(tcp);
        }, left, TimeUnit.NANOSECONDS);
        boolean connected = false;
        try {
            SSLSocket s = connected(deadline);
            connected = true;
            OutputStream out = s.getOutputStream();
            out.write(frame);
            out.flush();
            return new AttemptResult.Delivered(null);
        } catch (IOException e) {
            disconnect();
            String why = !expired.get() ? e.toString() : connected
                    ? "write timed out, the listener did not take the frame within " + millis() + " ms; connection closed"
                    : "no TLS connection within " + millis() + " ms";
            return new AttemptResult.Retryable(where() + ": " + why, null, null);
        } finally {
            alarm.cancel(false);
        }
    }

    private SSLSocket connected(long deadline) throws IOException {
        SSLSocket current = socket;
        if (current != null && peerClosed(current)) {
            disconnect();
        }
        if (socket == null) {
            int timeout = (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            Socket raw = new Socket();
            tcp = raw;
            try {
                raw.setTcpNoDelay(true);
                raw.setKeepAlive(true);
                raw.connect(new InetSocketAddress(syslog.host(), syslog.port()), timeout);
                SSLSocket s = (SSLSocket) sockets.createSocket(raw, syslog.host(), syslog.port(), true);
                SSLParameters parameters = s.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                s.setSSLParameters(parameters);
                s.setSoTimeout(timeout);
                s.startHandshake();
                socket = s;
            } catch (IOException | RuntimeException e) {
                closeQuietly(raw);
                tcp = null;
                throw e;
            }
        }
        return socket;
    }

    /**
     * A syslog receiver never sends application data, so a read that finds the end of the stream
     * means the listener closed the connection; one that times out at once means it is still
     * there (and lets the TLS layer take in what the server sent after the handshake).
     */
    private static boolean peerClosed(SSLSocket s) {
        try {
            s.setSoTimeout(1);
            return s.getInputStream().read() < 0;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private long millis() {
        return TimeUnit.NANOSECONDS.toMillis(timeoutNanos);
    }

    private String where() {
        return "syslog+tls " + syslog.host() + ":" + syslog.port();
    }

    /**
     * On the writer thread only. The TCP socket goes first, so the TLS socket's close cannot wait
     * on a full window to send its close_notify (a syslog receiver does not need one).
     */
    void disconnect() {
        closeQuietly(tcp);
        closeQuietly(socket);
        socket = null;
        tcp = null;
    }

    private static void closeQuietly(Socket s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing a broken or timed-out connection
            }
        }
    }
}
