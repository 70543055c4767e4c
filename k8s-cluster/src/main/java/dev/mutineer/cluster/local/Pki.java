package dev.mutineer.cluster.local;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

/**
 * The certificates and keys of one local cluster: a CA, the API server's serving certificate,
 * one admin client certificate (O=system:masters) shared by every component, the
 * service-account signing key pair, and etcd's own PKI ({@link EtcdPki}). ECDSA P-256 where clients allow it,
 * because it is quick to generate.
 */
public final class Pki {

    private static final Duration VALIDITY = Duration.ofDays(30);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyPair caKey;
    private final X509Certificate caCert;
    private final KeyPair serverKey;
    private final X509Certificate serverCert;
    private final KeyPair adminKey;
    private final X509Certificate adminCert;
    private final KeyPair serviceAccountKey;
    private final EtcdPki etcd;

    private Pki(KeyPair caKey, X509Certificate caCert, KeyPair serverKey, X509Certificate serverCert,
                KeyPair adminKey, X509Certificate adminCert, KeyPair serviceAccountKey, EtcdPki etcd) {
        this.caKey = caKey;
        this.caCert = caCert;
        this.serverKey = serverKey;
        this.serverCert = serverCert;
        this.adminKey = adminKey;
        this.adminCert = adminCert;
        this.serviceAccountKey = serviceAccountKey;
        this.etcd = etcd;
    }

    public static Pki generate() {
        try {
            KeyPair ca = newKey();
            X500Name caName = new X500Name("CN=mutineer-ca");
            X509Certificate caCert = sign(ca, caName, ca, caName, true, null);
            KeyPair server = newKey();
            GeneralNames sans = new GeneralNames(new GeneralName[]{
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                    new GeneralName(GeneralName.iPAddress, "10.96.0.1"),
                    new GeneralName(GeneralName.dNSName, "localhost"),
                    new GeneralName(GeneralName.dNSName, "kubernetes"),
                    new GeneralName(GeneralName.dNSName, "kubernetes.default"),
                    new GeneralName(GeneralName.dNSName, "kubernetes.default.svc"),
                    new GeneralName(GeneralName.dNSName, "kubernetes.default.svc.cluster.local")});
            X509Certificate serverCert = sign(ca, caName, server, new X500Name("CN=kube-apiserver"), false, sans,
                    KeyPurposeId.id_kp_serverAuth);
            // RSA for the admin key: some clients (fabric8's kubeconfig loader among them) only read RSA PKCS#8 keys.
            KeyPair admin = newRsaKey();
            X509Certificate adminCert = sign(ca, caName, admin, new X500Name("O=system:masters,CN=mutineer-admin"), false,
                    null, KeyPurposeId.id_kp_clientAuth);
            return new Pki(ca, caCert, server, serverCert, admin, adminCert, newKey(), EtcdPki.generate());
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot generate the cluster PKI", e);
        }
    }

    /** Writes every file (private keys 0600) into {@code dir} and returns their paths. */
    public PkiFiles writeTo(Path dir) {
        try {
            Files.createDirectories(dir);
            PkiFiles f = new PkiFiles(dir.resolve("ca.crt"), dir.resolve("apiserver.crt"), dir.resolve("apiserver.key"),
                    dir.resolve("admin.crt"), dir.resolve("admin.key"), dir.resolve("sa.pub"), dir.resolve("sa.key"),
                    etcd.writeTo(dir));
            write(f.caCert(), pem("CERTIFICATE", caCert.getEncoded()));
            write(f.serverCert(), pem("CERTIFICATE", serverCert.getEncoded()));
            write(f.serverKey(), pem("PRIVATE KEY", serverKey.getPrivate().getEncoded()));
            write(f.adminCert(), pem("CERTIFICATE", adminCert.getEncoded()));
            write(f.adminKey(), pem("PRIVATE KEY", adminKey.getPrivate().getEncoded()));
            write(f.serviceAccountPublicKey(), pem("PUBLIC KEY", serviceAccountKey.getPublic().getEncoded()));
            write(f.serviceAccountPrivateKey(), pem("PRIVATE KEY", serviceAccountKey.getPrivate().getEncoded()));
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write PKI to " + dir, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An admin kubeconfig with the certificates embedded, so it works from any directory. */
    public String adminKubeconfig(String server, String name) {
        try {
            return kubeconfig(server, name, "admin", adminCert, adminKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- real nodes (issue 11): begin ---
    /**
     * A kubeconfig for another identity, with a fresh client certificate signed by the cluster CA:
     * a kubelet is {@code system:node:NAME} in {@code system:nodes}, kube-proxy {@code system:kube-proxy}
     * (bound to system:node-proxier by the bootstrap RBAC policy).
     */
    public String clientKubeconfig(String server, String name, String commonName, String... organizations) {
        try {
            KeyPair key = newKey();
            StringBuilder subject = new StringBuilder();
            for (String o : organizations) {
                subject.append("O=").append(o).append(',');
            }
            subject.append("CN=").append(commonName);
            X509Certificate cert = sign(caKey, new X500Name("CN=mutineer-ca"), key, new X500Name(subject.toString()), false,
                    null, KeyPurposeId.id_kp_clientAuth);
            return kubeconfig(server, name, commonName.replace(':', '-'), cert, key);
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot issue a client certificate for " + commonName, e);
        }
    }
    // --- real nodes (issue 11): end ---

    private String kubeconfig(String server, String name, String user, X509Certificate cert, KeyPair key)
            throws GeneralSecurityException {
        Base64.Encoder b64 = Base64.getEncoder();
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: %1$s
                  cluster:
                    server: %2$s
                    certificate-authority-data: %3$s
                users:
                - name: %1$s-%6$s
                  user:
                    client-certificate-data: %4$s
                    client-key-data: %5$s
                contexts:
                - name: %1$s
                  context:
                    cluster: %1$s
                    user: %1$s-%6$s
                current-context: %1$s
                """.formatted(name, server,
                b64.encodeToString(pem("CERTIFICATE", caCert.getEncoded()).getBytes(StandardCharsets.US_ASCII)),
                b64.encodeToString(pem("CERTIFICATE", cert.getEncoded()).getBytes(StandardCharsets.US_ASCII)),
                b64.encodeToString(pem("PRIVATE KEY", key.getPrivate().getEncoded()).getBytes(StandardCharsets.US_ASCII)),
                user);
    }

    /** TLS context trusting the cluster CA and presenting the admin certificate, for health probes. */
    public SSLContext adminSslContext() {
        return sslContext(adminKey, adminCert, caCert);
    }

    /** TLS context trusting etcd's CA and presenting mutineer's etcd client certificate, for etcd's health probe. */
    SSLContext etcdSslContext() {
        return etcd.mutineerSslContext();
    }

    static SSLContext sslContext(KeyPair key, X509Certificate cert, X509Certificate caCert) {
        try {
            char[] pass = "mutineer".toCharArray();
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("client", key.getPrivate(), pass, new Certificate[]{cert, caCert});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, pass);
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", caCert);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), RANDOM);
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a TLS context for " + cert.getSubjectX500Principal(), e);
        }
    }

    /** Paths of the PKI files of one cluster. */
    public record PkiFiles(Path caCert, Path serverCert, Path serverKey, Path adminCert, Path adminKey,
                         Path serviceAccountPublicKey, Path serviceAccountPrivateKey, EtcdPkiFiles etcd) {
    }

    static KeyPair newKey() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return g.generateKeyPair();
    }

    private static KeyPair newRsaKey() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048, RANDOM);
        return g.generateKeyPair();
    }

    static X509Certificate sign(KeyPair issuerKey, X500Name issuer, KeyPair subjectKey, X500Name subject,
                                boolean ca, GeneralNames sans, KeyPurposeId... purposes)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        Instant now = Instant.now();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, RANDOM).abs().add(BigInteger.ONE),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(VALIDITY)), subject, subjectKey.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        if (ca) {
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
        } else {
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposes));
        }
        if (sans != null) {
            b.addExtension(Extension.subjectAlternativeName, false, sans);
        }
        PrivateKey signer = issuerKey.getPrivate();
        X509CertificateHolder holder = b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer));
        return new JcaX509CertificateConverter().getCertificate(holder);
    }

    static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    /** Creates the file 0600 from the start: a key is never readable by others, not even for a moment. */
    static void write(Path path, String content) throws IOException {
        Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------")); // whatever the umask took away
        Files.writeString(path, content, StandardCharsets.US_ASCII);
    }
}
