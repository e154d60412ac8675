package org.caspianhub.consumers.testing;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ServerSocketFactory;
import javax.net.ssl.SSLContext;

/**
 * A SIEM's syslog TCP listener: accepts connections and parses octet-counted frames
 * (RFC 6587 3.4.1: {@code <length> SP <message>}), recording each message. A frame whose length
 * does not match its bytes breaks the parse, so a test sees framing errors.
 */
public final class SyslogListener implements AutoCloseable {

    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private final List<String> handshakeFailures = new CopyOnWriteArrayList<>();
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private final ServerSocketFactory sockets;
    private volatile ServerSocket server;
    private volatile int port;

    private SyslogListener(ServerSocketFactory sockets) {
        this.sockets = sockets;
    }

    public static SyslogListener start() {
        SyslogListener listener = new SyslogListener(ServerSocketFactory.getDefault());
        listener.listen(0);
        return listener;
    }

    /** Syslog over TLS (RFC 5425): the same octet-counted frames inside TLS. */
    public static SyslogListener startTls(SSLContext context) {
        SyslogListener listener = new SyslogListener(context.getServerSocketFactory());
        listener.listen(0);
        return listener;
    }

    private synchronized void listen(int onPort) {
        try {
            ServerSocket socket = sockets.createServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort));
            server = socket;
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        ServerSocket accepting = server;
        Thread acceptor = new Thread(() -> {
            while (!accepting.isClosed()) {
                try {
                    Socket connection = accepting.accept();
                    connections.add(connection);
                    Thread reader = new Thread(() -> read(connection), "syslog-reader");
                    reader.setDaemon(true);
                    reader.start();
                } catch (IOException e) {
                    return;
                }
            }
        }, "syslog-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void read(Socket connection) {
        try (InputStream in = new BufferedInputStream(connection.getInputStream())) {
            while (true) {
                int length = 0;
                int c;
                int digits = 0;
                while ((c = in.read()) != ' ') {
                    if (c < 0) {
                        return;
                    }
                    if (c < '0' || c > '9') {
                        errors.add("expected a digit or a space, got byte " + c);
                        return;
                    }
                    length = length * 10 + (c - '0');
                    digits++;
                }
                if (digits == 0) {
                    errors.add("frame without a length");
                    return;
                }
                byte[] message = in.readNBytes(length);
                if (message.length < length) {
                    errors.add("connection closed inside a frame");
                    return;
                }
                messages.add(new String(message, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // connection reset (the listener went down) or a TLS handshake the client gave up
            if (e instanceof javax.net.ssl.SSLException) {
                handshakeFailures.add(e.toString());
            }
        }
    }

    public int port() {
        return port;
    }

    public List<String> messages() {
        return List.copyOf(messages);
    }

    public List<String> errors() {
        return List.copyOf(errors);
    }

    /** Connections accepted so far (since the last {@link #stop}). */
    public int connections() {
        return connections.size();
    }

    /** TLS connections that ended in the handshake, as the listener saw them. */
    public List<String> handshakeFailures() {
        return List.copyOf(handshakeFailures);
    }

    /** Goes down: closes the listening socket and every connection. */
    public synchronized void stop() {
        try {
            if (server != null) {
                server.close();
            }
            for (Socket connection : connections) {
                connection.close();
            }
            connections.clear();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public synchronized void resume() {
        if (server == null || server.isClosed()) {
            listen(port);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
