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

/**
 * A SIEM's syslog TCP listener: accepts connections and parses octet-counted frames
 * (RFC 6587 3.4.1: {@code <length> SP <message>}), recording each message. A frame whose length
 * does not match its bytes breaks the parse, so a test sees framing errors.
 */
public final class SyslogListener implements AutoCloseable {

    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private volatile ServerSocket server;
    private volatile int port;

    public static SyslogListener start() {
        SyslogListener listener = new SyslogListener();
        listener.listen(0);
        return listener;
    }

    private synchronized void listen(int onPort) {
        try {
            ServerSocket socket = new ServerSocket();
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
            // connection reset: the listener went down
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
