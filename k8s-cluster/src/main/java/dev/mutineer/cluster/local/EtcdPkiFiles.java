package dev.mutineer.cluster.local;

import dev.mutineer.cluster.TlsIdentity;

import java.nio.file.Path;

/**
 * The paths of a local cluster's etcd PKI ({@link EtcdPki}). Each identity names the etcd CA as the one it checks
 * the other end by.
 *
 * @param caCert          etcd's CA (--trusted-ca-file, the API server's --etcd-cafile)
 * @param server          etcd's serving certificate (client port)
 * @param peer            etcd's peer certificate (server and client on the peer port)
 * @param apiserverClient the API server's client certificate (--etcd-certfile, --etcd-keyfile)
 * @param mutineerClient  this JVM's client certificate: injector, steady state, health probe, interposer to etcd
 * @param interposer      what an interposer serves to the API server in etcd's place
 */
public record EtcdPkiFiles(Path caCert, TlsIdentity server, TlsIdentity peer, TlsIdentity apiserverClient,
                           TlsIdentity mutineerClient, TlsIdentity interposer) {
}
