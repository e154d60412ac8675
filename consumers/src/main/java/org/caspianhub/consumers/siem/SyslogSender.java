package org.caspianhub.consumers.siem;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.caspianhub.avro.Alert;
import org.caspianhub.consumers.delivery.AlertSender;
import org.caspianhub.consumers.delivery.AttemptResult;
import org.caspianhub.consumers.delivery.PreparedDelivery;
import org.caspianhub.consumers.subscription.Destination;
import org.caspianhub.consumers.subscription.Subscription;

/**
 * Writes alerts to a SIEM's syslog TCP listener, one connection per subscription, kept open and
 * re-opened after a failure (the failed alert is retried like a webhook's). Writes happen on one
 * thread per subscription, so frames never interleave.
 *
 * <p>TCP syslog has no acknowledgement: an alert counts as delivered once written to the socket.
 * Before each write the connection is checked for the peer having closed it (a syslog receiver
 * never sends, so a readable end-of-stream means it is gone), which keeps the window in which a
 * listener going down can swallow a frame to the one frame already in flight.
 */
public final class SyslogSender implements AlertSender {

    private final Destination.Syslog syslog;
    private final int timeoutMillis;
    private final ExecutorService writer;
    private SocketChannel channel;

    public SyslogSender(Subscription subscription, Destination.Syslog syslog) {
        this.syslog = syslog;
        this.timeoutMillis = (int) Math.min(Integer.MAX_VALUE, subscription.policy().timeout().toMillis());
        this.writer = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "syslog-" + subscription.id());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public Optional<PreparedDelivery> prepare(Alert alert) {
        byte[] frame = SyslogMessage.frame(alert, syslog);
        return Optional.of(attempt -> {
            try {
                return CompletableFuture.supplyAsync(() -> write(frame), writer);
            } catch (RejectedExecutionException e) {
                return CompletableFuture.completedFuture(new AttemptResult.Retryable("sender closed", null, null));
            }
        });
    }

    private AttemptResult write(byte[] frame) {
        try {
            SocketChannel ch = connected();
            ByteBuffer buffer = ByteBuffer.wrap(frame);
            while (buffer.hasRemaining()) {
                ch.write(buffer);
            }
            return new AttemptResult.Delivered(null);
        } catch (IOException e) {
            disconnect();
            return new AttemptResult.Retryable("syslog " + syslog.host() + ":" + syslog.port() + ": " + e, null, null);
        }
    }

    private SocketChannel connected() throws IOException {
        if (channel != null && peerClosed(channel)) {
            disconnect();
        }
        if (channel == null) {
            SocketChannel ch = SocketChannel.open();
            try {
                ch.socket().connect(new InetSocketAddress(syslog.host(), syslog.port()), timeoutMillis);
                ch.socket().setTcpNoDelay(true);
                ch.socket().setKeepAlive(true);
            } catch (IOException e) {
                ch.close();
                throw e;
            }
            channel = ch;
        }
        return channel;
    }

    /** A non-blocking read: -1 means the listener closed its end. Anything it sent is ignored. */
    private static boolean peerClosed(SocketChannel ch) {
        try {
            ch.configureBlocking(false);
            int read;
            ByteBuffer discard = ByteBuffer.allocate(256);
            do {
                discard.clear();
                read = ch.read(discard);
            } while (read > 0);
            ch.configureBlocking(true);
            return read < 0;
        } catch (IOException e) {
            return true;
        }
    }

    private void disconnect() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing a broken connection
            }
            channel = null;
        }
    }

    @Override
    public void close() {
        writer.submit(this::disconnect);
        writer.shutdown();
    }
}
