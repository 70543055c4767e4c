package dev.mutineer.cluster.local;

import dev.mutineer.cluster.TlsIdentity;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The local backend's etcd talks mutual TLS only, as kubeadm's: mutineer's client certificate opens it; no
 * certificate, a certificate of another CA (even the Kubernetes one) or plaintext do not. The refused clients
 * try etcd's HTTP gateway, which shares the client port's TLS with gRPC: a refused gRPC client (jetcd) would only
 * retry until its deadline, and a timeout proves nothing.
 */
class EtcdMutualTlsTest {

    private static final ByteSequence KEY = ByteSequence.from("/registry/mtls-probe", StandardCharsets.UTF_8);
    private static final String VALUE_B64 = Base64.getEncoder().encodeToString("v".getBytes(StandardCharsets.UTF_8));

    @TempDir
    static Path workDir;
    @TempDir
    static Path otherDir;
    static LocalEtcd etcd;

    @BeforeAll
    static void startEtcd() {
        etcd = LocalEtcd.start(workDir);
    }

    @AfterAll
    static void stopEtcd() {
        if (etcd != null) {
            etcd.close();
        }
    }

    @Test
    void mutineersClientCertificateReadsAndWrites() throws Exception {
        try (Client client = etcd.connect()) {
            client.getKVClient().put(KEY, ByteSequence.from("v", StandardCharsets.UTF_8)).get(20, TimeUnit.SECONDS);
            assertThat(client.getKVClient().get(KEY).get(20, TimeUnit.SECONDS).getKvs()).hasSize(1);
        }
        // the same Range through etcd's HTTP gateway, on the same TLS listener, as the refused clients below try it
        HttpResponse<String> answer = range(TlsContexts.of(etcd.pki().mutineerClient()), "https");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains(VALUE_B64);
    }

    @Test
    void aClientWithoutACertificateIsRefused() throws Exception {
        assertHandshakeRefused(TlsContexts.trustOnly(etcd.pki().caCert()));
    }

    @Test
    void aCertificateOfAnotherCaIsRefusedEvenTheClustersOwn() throws Exception {
        TlsIdentity otherClusters = Pki.generate().writeTo(otherDir.resolve("pki")).etcd().mutineerClient();
        assertHandshakeRefused(TlsContexts.of(new TlsIdentity(etcd.pki().caCert(), otherClusters.cert(), otherClusters.key())));
        // this cluster's Kubernetes CA is not etcd's: the admin certificate (system:masters) opens the API server only
        Path pki = workDir.resolve("pki");
        assertHandshakeRefused(TlsContexts.of(new TlsIdentity(etcd.pki().caCert(), pki.resolve("admin.crt"), pki.resolve("admin.key"))));
    }

    @Test
    void plaintextIsRefused() throws Exception {
        assertRefused(SSLContext.getDefault(), "http");
    }

    @Test
    void everyKeyAndCertificateIsReadableByItsOwnerOnly() throws Exception {
        try (Stream<Path> files = Files.walk(workDir.resolve("pki"))) {
            List<Path> regular = files.filter(Files::isRegularFile).toList();
            assertThat(regular).extracting(p -> workDir.resolve("pki").relativize(p).toString())
                    .contains("etcd/ca.crt", "etcd/server.key", "etcd/peer.key", "apiserver-etcd-client.key",
                            "etcd/mutineer-client.key", "etcd/interposer.key")
                    .doesNotContain("etcd/ca.key");
            for (Path p : regular) {
                assertThat(Files.getPosixFilePermissions(p)).as(p.toString())
                        .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
            }
        }
    }

    private static void assertHandshakeRefused(SSLContext tls) {
        assertRefused(tls, "https");
    }

    /** etcd ends the connection (an alert, a reset) or answers with an error, and never with the value. */
    private static void assertRefused(SSLContext tls, String scheme) {
        try {
            HttpResponse<String> answer = range(tls, scheme);
            assertThat(answer.statusCode()).as("etcd answered %s", answer.body()).isNotEqualTo(200);
            assertThat(answer.body()).doesNotContain(VALUE_B64);
        } catch (IOException refused) {
            // the TLS handshake failed or etcd closed the connection: refused
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A Range of {@link #KEY} through etcd's gRPC gateway, which shares the client port and its TLS with gRPC. */
    private static HttpResponse<String> range(SSLContext tls, String scheme) throws IOException, InterruptedException {
        int port = etcd.access().endpoints().get(0).getPort();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(tls)
                .connectTimeout(Duration.ofSeconds(5)).build();
        String body = "{\"key\":\"" + Base64.getEncoder().encodeToString(KEY.getBytes()) + "\"}";
        return http.send(HttpRequest.newBuilder(URI.create(scheme + "://127.0.0.1:" + port + "/v3/kv/range"))
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
