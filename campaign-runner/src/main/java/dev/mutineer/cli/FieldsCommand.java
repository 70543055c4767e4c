package dev.mutineer.cli;

import dev.mutineer.cluster.EtcdAccess;
import dev.mutineer.injector.fields.FieldRow;
import dev.mutineer.injector.fields.FieldsReport;
import dev.mutineer.injector.inject.Redaction;
import dev.mutineer.injector.inject.Sensitivity;
import dev.mutineer.injector.inject.EtcdStore;
import io.etcd.jetcd.Client;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code mutineer fields}: the injector's field catalog, for choosing targets and reading results. */
@Command(name = "fields",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        header = "List the fields of a kind, or of one stored object, that faults can target.",
        description = {
                "Without NAME: every field the kind's stored (protobuf) type can have, lists as [*] and maps as [KEY]. "
                        + "With NAME: every field of that object as stored in etcd, with its current value (a Secret's data as a "
                        + "hash and length, as results record it); needs the cluster's etcd (--etcd and the client certificate "
                        + "--etcd-cacert/--etcd-cert/--etcd-key, as 'mutineer cluster up' prints them: etcd only talks mutual "
                        + "TLS). The DEPENDENCY column marks fields "
                        + "that tie objects together, which the dependency operator targets. Field paths are the ones "
                        + "campaign targets.fields patterns match.",
                ""},
        footerHeading = "%nExamples:%n",
        footer = {
                "  mutineer fields Pod",
                "  mutineer fields Deployment shop/frontend --etcd https://127.0.0.1:2379 \\",
                "      --etcd-cacert DIR/pki/etcd/ca.crt --etcd-cert DIR/pki/etcd/mutineer-client.crt --etcd-key DIR/pki/etcd/mutineer-client.key",
                "  mutineer fields Node kwok-node-0 --etcd https://127.0.0.1:2379 --etcd-cacert ... --etcd-cert ... --etcd-key ... --json",
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:listed",
                "1:etcd could not be read, or the stored value does not decode",
                "2:unknown kind, malformed NAME, no such object, or NAME without --etcd",
        })
final class FieldsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "KIND", description = "A kind or resource name: Pod, deployments, Node, ...")
    String kind;

    @Parameters(index = "1", arity = "0..1", paramLabel = "NAME",
            description = "NAMESPACE/NAME of one object (just NAME for cluster-scoped kinds).")
    String name;

    @Option(names = "--etcd", paramLabel = "URL", description = "The cluster's etcd client URL.")
    URI etcd;

    // etcdctl's --cacert/--cert/--key, as 'cluster up' prints them for either backend
    @Option(names = "--etcd-cacert", paramLabel = "FILE", description = "CA of etcd's serving certificate (etcdctl's --cacert).")
    Path caCert;

    @Option(names = "--etcd-cert", paramLabel = "FILE", description = "Client certificate for etcd (etcdctl's --cert).")
    Path clientCert;

    @Option(names = "--etcd-key", paramLabel = "FILE", description = "Client key for etcd (etcdctl's --key).")
    Path clientKey;

    @Option(names = "--prefix", paramLabel = "PREFIX", defaultValue = "/registry",
            description = "The API server's etcd key prefix (default: ${DEFAULT-VALUE}).")
    String prefix;

    @Option(names = "--json", description = "JSON instead of a table.")
    boolean json;

    @Override
    public Integer call() {
        FieldsReport report;
        try {
            report = name == null ? FieldsReport.schema(kind) : redacted(readObject());
        } catch (IllegalArgumentException e) {
            // Unknown kind, malformed NAME, absent object: the user's input, not a failure.
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        spec.commandLine().getOut().print(json ? report.toJson() + "\n" : report.toTable());
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }

    /** A Secret's data as the journal records it: a hash and a length ({@link Redaction#token}), never the value. */
    static FieldsReport redacted(FieldsReport report) {
        return new FieldsReport(report.kind(), report.key(), report.apiVersion(), report.rows().stream()
                .map(r -> Sensitivity.SECRETS.covers(report.kind(), r.path()) && !r.type().equals("map")
                        ? new FieldRow(r.path(), r.type(), Redaction.token(r.value()), r.dependency()) : r)
                .toList());
    }

    private FieldsReport readObject() {
        if (etcd == null) {
            throw new IllegalArgumentException("NAME needs the cluster's etcd: add --etcd URL (mutineer cluster up prints it)");
        }
        if ((clientCert == null) != (clientKey == null)) {
            throw new IllegalArgumentException("--etcd-cert and --etcd-key go together (mutineer cluster up prints both)");
        }
        if ("https".equals(etcd.getScheme()) && caCert == null) {
            throw new IllegalArgumentException("an https:// etcd needs --etcd-cacert, and mutineer's clusters a client certificate:"
                    + " --etcd-cert and --etcd-key (mutineer cluster up prints all three)");
        }
        EtcdAccess access = new EtcdAccess(List.of(etcd), Optional.ofNullable(caCert), Optional.ofNullable(clientCert),
                Optional.ofNullable(clientKey));
        try (Client client = access.connect()) {
            return FieldsReport.forObject(new EtcdStore(client), prefix, kind, name);
        }
    }
}
