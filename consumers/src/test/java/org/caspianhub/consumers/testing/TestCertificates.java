package org.caspianhub.consumers.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A self-signed server certificate made with the JDK's own {@code keytool}, as an operator would
 * make one for a test SIEM: the server side's TLS context and the certificate as a PEM CA file.
 */
public final class TestCertificates {

    private static final char[] PASSWORD = "changeit".toCharArray();

    private final Path keyStore;
    private final Path caFile;

    private TestCertificates(Path keyStore, Path caFile) {
        this.keyStore = keyStore;
        this.caFile = caFile;
    }

    /** @param subjectAltNames keytool's form, e.g. {@code ip:127.0.0.1,dns:localhost} */
    public static TestCertificates create(Path dir, String subjectAltNames) {
        Path keyStore = dir.resolve("siem-" + Math.abs(subjectAltNames.hashCode()) + ".p12");
        Path caFile = dir.resolve("siem-" + Math.abs(subjectAltNames.hashCode()) + ".pem");
        keytool("-genkeypair", "-alias", "siem", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=test-siem",
                "-ext", "san=" + subjectAltNames, "-validity", "2", "-storetype", "PKCS12", "-keystore", keyStore.toString(),
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD));
        keytool("-exportcert", "-rfc", "-alias", "siem", "-keystore", keyStore.toString(), "-storepass", new String(PASSWORD),
                "-file", caFile.toString());
        return new TestCertificates(keyStore, caFile);
    }

    /** The certificate in PEM: what a subscription's {@code caFile} names. */
    public Path caFile() {
        return caFile;
    }

    /** The listener's side: its key and certificate. */
    public SSLContext serverContext() {
        try (InputStream in = Files.newInputStream(keyStore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void keytool(String... args) {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
