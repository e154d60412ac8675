package org.caspianhub.consumers.siem;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.caspianhub.avro.Alert;
import org.caspianhub.consumers.delivery.AlertSender;
import org.caspianhub.consumers.delivery.AttemptResult;
import org.caspianhub.consumers.delivery.PreparedDelivery;
import org.caspianhub.consumers.subscription.Destination;
import org.caspianhub.consumers.subscription.Subscription;

/**
 * Writes alerts to a SIEM's syslog listener over plain TCP or over TLS ({@link TlsSyslogConnection}),
 * one connection per subscription, kept open and re-opened after a failure (the failed alert is
 * retried like a webhook's). Writes happen on one thread per subscription, so frames never interleave.
 *
 * <p>Every attempt, waiting behind earlier frames, connect and write together, ends within the
 * subscription's {@code timeout} from when it was made.
 * The plain TCP channel is non-blocking and waits on a selector for at most the time left, because a
 * listener that accepts but stops reading fills the TCP window and a blocking write would then
 * wait forever, holding the writer thread and, one by one, every delivery slot of the
 * subscription. A write that runs out of time closes the connection (the listener drops the
 * partial frame with it; octet counting cannot resynchronise inside one) and the attempt fails as
 * retryable: the alert is sent whole on a new connection, or dead-lettered after the last attempt.
 *
 * <p>TCP syslog has no acknowledgement: an alert counts as delivered once written to the socket.
 * Before each write the connection is checked for the peer having closed it (a syslog receiver
 * never sends, so a readable end-of-stream means it is gone), which keeps the window in which a
 * listener going down can swallow a frame to the one frame already in flight.
 */
public final class SyslogSender implements AlertSender {

    private final Destination.Syslog syslog;
    private final long timeoutNanos;
    private final ExecutorService writer;
    /** For syslog over TLS; null for plain TCP, which uses {@link #channel}. */
    private final TlsSyslogConnection tls;
    private SocketChannel channel;
    private Selector selector;

    public SyslogSender(Subscription subscription, Destination.Syslog syslog) {
        this.syslog = syslog;
        this.timeoutNanos = subscription.policy().timeout().toNanos();
        this.tls = syslog.tls().map(t -> new TlsSyslogConnection(syslog, SyslogTrust.context(t.caFile()), timeoutNanos))
                .orElse(null);
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
            long deadline = System.nanoTime() + timeoutNanos;
            try {
                return CompletableFuture.supplyAsync(() -> write(frame, deadline), writer);
            } catch (RejectedExecutionException e) {
                return CompletableFuture.completedFuture(new AttemptResult.Retryable("sender closed", null, null));
            }
        });
    }

    private AttemptResult write(byte[] frame, long deadline) {
        if (tls != null) {
            return tls.write(frame, deadline);
        }
        try {
            SocketChannel ch = connected(deadline);
            ByteBuffer buffer = ByteBuffer.wrap(frame);
            while (buffer.hasRemaining()) {
                if (ch.write(buffer) > 0) {
                    continue;
                }
                if (!await(ch, SelectionKey.OP_WRITE, deadline)) {
                    disconnect();
                    return new AttemptResult.Retryable(where() + ": write timed out, the listener did not take the frame within "
                            + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms (" + (frame.length - buffer.remaining())
                            + " of " + frame.length + " bytes written); connection closed", null, null);
                }
            }
            return new AttemptResult.Delivered(null);
        } catch (IOException e) {
            disconnect();
            return new AttemptResult.Retryable(where() + ": " + e, null, null);
        }
    }

    private String where() {
        return "syslog " + syslog.host() + ":" + syslog.port();
    }

    private SocketChannel connected(long deadline) throws IOException {
        if (channel != null && peerClosed(channel)) {
            disconnect();
        }
        if (channel == null) {
            SocketChannel ch = SocketChannel.open();
            try {
                ch.configureBlocking(false);
                ch.socket().setTcpNoDelay(true);
                ch.socket().setKeepAlive(true);
                if (!ch.connect(new InetSocketAddress(syslog.host(), syslog.port()))) {
                    if (!await(ch, SelectionKey.OP_CONNECT, deadline)) {
                        throw new IOException("no connection within " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms");
                    }
                    ch.finishConnect();
                }
            } catch (IOException | RuntimeException e) {
                ch.close();
                throw e;
            }
            channel = ch;
        }
        return channel;
    }

    /** Waits until the channel is ready for {@code operation} or the deadline passes; false for the deadline. */
    private boolean await(SocketChannel ch, int operation, long deadline) throws IOException {
        if (selector == null) {
            selector = Selector.open();
        }
        SelectionKey key = ch.keyFor(selector);
        if (key == null) {
            key = ch.register(selector, operation);
        } else {
            key.interestOps(operation);
        }
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                boolean ready = selector.selectedKeys().remove(key) && (key.readyOps() & operation) != 0;
                if (ready) {
                    return true;
                }
            }
        } finally {
            if (key.isValid()) {
                key.interestOps(0);
            }
        }
    }

    /** A non-blocking read: -1 means the listener closed its end. Anything it sent is ignored. */
    private static boolean peerClosed(SocketChannel ch) {
        try {
            int read;
            ByteBuffer discard = ByteBuffer.allocate(256);
            do {
                discard.clear();
                read = ch.read(discard);
            } while (read > 0);
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
        try {
            writer.submit(() -> {
                disconnect();
                if (tls != null) {
                    tls.disconnect();
                }
                if (selector != null) {
                    try {
                        selector.close();
                    } catch (IOException ignored) {
                        // nothing left to release
                    }
                }
            });
        } catch (RejectedExecutionException alreadyClosed) {
            return;
        }
        writer.shutdown();
    }
}
