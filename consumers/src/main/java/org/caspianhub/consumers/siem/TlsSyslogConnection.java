package org.caspianhub.consumers.siem;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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

    private static final ScheduledThreadPoolExecutor WATCHDOG = new ScheduledThreadPoolExecutor(1, runnable -> {
        Thread thread = new Thread(runnable, "syslog-tls-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    static {
        WATCHDOG.setRemoveOnCancelPolicy(true); // most alarms are cancelled: do not keep them queued
    }

    /** How long a connection may sit unused before a write first checks that the listener is still there. */
    private static final long IDLE_BEFORE_CHECK_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Destination.Syslog syslog;
    private final SSLSocketFactory sockets;
    private final long timeoutNanos;
    private SSLSocket socket;
    /** The TCP connection under {@link #socket}: what the watchdog closes. */
    private volatile Socket tcp;
    private long lastWriteNanos;

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
        Alarm alarm = new Alarm(left);
        boolean connected = false;
        AttemptResult result;
        try {
            SSLSocket s = connected(deadline);
            connected = true;
            OutputStream out = s.getOutputStream();
            out.write(frame);
            out.flush();
            lastWriteNanos = System.nanoTime();
            result = new AttemptResult.Delivered(null);
        } catch (IOException e) {
            disconnect();
            String why = !alarm.fired() ? e.toString() : connected
                    ? "write timed out, the listener did not take the frame within " + millis() + " ms; connection closed"
                    : "no TLS connection within " + millis() + " ms";
            result = new AttemptResult.Retryable(where() + ": " + why, null, null);
        }
        if (!alarm.disarm()) {
            disconnect(); // it went off as the write finished: the next attempt starts on a new connection
        }
        return result;
    }

    /**
     * One attempt's deadline. It closes the TCP socket only while armed; once the writer has
     * disarmed it, a late firing does nothing, so it can never close a later attempt's connection.
     */
    private final class Alarm {
        private static final int ARMED = 0;
        private static final int FIRED = 1;
        private static final int DISARMED = 2;
        private final AtomicInteger state = new AtomicInteger(ARMED);
        private final ScheduledFuture<?> firing;

        Alarm(long nanos) {
            firing = WATCHDOG.schedule(() -> {
                if (state.compareAndSet(ARMED, FIRED)) {
                    closeQuietly(tcp);
                }
            }, nanos, TimeUnit.NANOSECONDS);
        }

        boolean fired() {
            return state.get() == FIRED;
        }

        /** False when it fired (its close is then complete). */
        boolean disarm() {
            if (state.compareAndSet(ARMED, DISARMED)) {
                firing.cancel(false);
                return true;
            }
            try {
                firing.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException ignored) {
                // closing quietly throws nothing
            }
            return false;
        }
    }

    private SSLSocket connected(long deadline) throws IOException {
        if (socket != null && mayHaveGone() && peerClosed(socket)) {
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
                lastWriteNanos = System.nanoTime();
            } catch (IOException | RuntimeException e) {
                closeQuietly(raw);
                tcp = null;
                throw e;
            }
        }
        return socket;
    }

    /**
     * Whether to check the connection before writing. The check below blocks for a millisecond
     * when nothing arrived, which would cap a busy subscription near 1,000 alerts/s, so it runs
     * only when the listener sent something (a TLS close_notify, a session ticket) or the
     * connection sat idle, which is when a listener that went away would swallow a frame.
     */
    private boolean mayHaveGone() {
        try {
            return tcp.getInputStream().available() > 0 || System.nanoTime() - lastWriteNanos > IDLE_BEFORE_CHECK_NANOS;
        } catch (IOException e) {
            return true;
        }
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
