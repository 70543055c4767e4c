package dev.mutineer.cluster.local;

import dev.mutineer.cluster.TlsIdentity;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.operator.OperatorCreationException;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;

/**
 * etcd's own PKI, laid out as kubeadm does it: a CA of its own (so no certificate of the Kubernetes CA opens etcd),
 * etcd's serving and peer certificates (127.0.0.1 and localhost), the API server's client certificate, and one
 * client certificate for mutineer (injector, steady state, health probes), plus the interposer's serving certificate
 * for when an interposer stands in for etcd before the API server.
 */
final class EtcdPki {

    private static final X500Name CA_NAME = new X500Name("CN=etcd-ca");
    private static final GeneralNames LOOPBACK = new GeneralNames(new GeneralName[]{
            new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")});

    private final KeyPair caKey;
    private final X509Certificate caCert;
    private final Issued server;
    private final Issued peer;
    private final Issued apiserverClient;
    private final Issued mutineerClient;
    private final Issued interposer;

    private record Issued(KeyPair key, X509Certificate cert) {
    }

    private EtcdPki(KeyPair caKey, X509Certificate caCert, Issued server, Issued peer, Issued apiserverClient,
                    Issued mutineerClient, Issued interposer) {
        this.caKey = caKey;
        this.caCert = caCert;
        this.server = server;
        this.peer = peer;
        this.apiserverClient = apiserverClient;
        this.mutineerClient = mutineerClient;
        this.interposer = interposer;
    }

    static EtcdPki generate() throws GeneralSecurityException, OperatorCreationException, IOException {
        KeyPair ca = Pki.newKey();
        X509Certificate caCert = Pki.sign(ca, CA_NAME, ca, CA_NAME, true, null);
        // etcd's serving certificate is also a client one: its gRPC gateway dials etcd itself with it (as kubeadm's).
        Issued server = issue(ca, "CN=etcd-server", LOOPBACK, KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth);
        Issued peer = issue(ca, "CN=etcd-peer", LOOPBACK, KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth);
        Issued apiserver = issue(ca, "O=system:masters,CN=kube-apiserver-etcd-client", null, KeyPurposeId.id_kp_clientAuth);
        Issued mutineer = issue(ca, "CN=mutineer-etcd-client", null, KeyPurposeId.id_kp_clientAuth);
        Issued interposer = issue(ca, "CN=mutineer-etcd-interposer", LOOPBACK, KeyPurposeId.id_kp_serverAuth);
        return new EtcdPki(ca, caCert, server, peer, apiserver, mutineer, interposer);
    }

    private static Issued issue(KeyPair ca, String subject, GeneralNames sans, KeyPurposeId... purposes)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        KeyPair key = Pki.newKey();
        return new Issued(key, Pki.sign(ca, CA_NAME, key, new X500Name(subject), false, sans, purposes));
    }

    /** Writes every file (0600) into {@code dir}: kubeadm's names below etcd/, the API server's client pair beside. */
    EtcdPkiFiles writeTo(Path dir) {
        try {
            Path etcd = dir.resolve("etcd");
            Files.createDirectories(etcd);
            Path ca = etcd.resolve("ca.crt");
            Pki.write(ca, Pki.pem("CERTIFICATE", caCert.getEncoded()));
            return new EtcdPkiFiles(ca, write(ca, server, etcd, "server"), write(ca, peer, etcd, "peer"),
                    write(ca, apiserverClient, dir, "apiserver-etcd-client"), write(ca, mutineerClient, etcd, "mutineer-client"),
                    write(ca, interposer, etcd, "interposer"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the etcd PKI to " + dir, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TlsIdentity write(Path ca, Issued issued, Path dir, String name) throws IOException, GeneralSecurityException {
        TlsIdentity id = new TlsIdentity(ca, dir.resolve(name + ".crt"), dir.resolve(name + ".key"));
        Pki.write(id.cert(), Pki.pem("CERTIFICATE", issued.cert().getEncoded()));
        Pki.write(id.key(), Pki.pem("PRIVATE KEY", issued.key().getPrivate().getEncoded()));
        return id;
    }

    /** TLS context trusting etcd's CA and presenting mutineer's etcd client certificate: etcd's health probe. */
    SSLContext mutineerSslContext() {
        return Pki.sslContext(mutineerClient.key(), mutineerClient.cert(), caCert);
    }
}
