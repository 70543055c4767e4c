package dev.mutineer.injector.codec;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import dev.mutineer.cluster.resource.ResourceKind;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The protobuf message types of every built-in Kubernetes kind that client-java-proto knows,
 * looked up by the apiVersion and kind the API server writes into the storage envelope.
 *
 * <p>The proto packages carry the short group name ("k8s.io.api.apps.v1"); the API group of
 * most is "NAME.k8s.io", the exceptions are listed in {@link #GROUPS}.
 */
public final class ProtoTypes {

    /** Outer classes of client-java-proto whose messages are stored API objects. */
    private static final List<String> OUTER_CLASSES = List.of(
            "V1", "V1Admissionregistration", "V1Apiextensions", "V1Apps", "V1Authentication", "V1Authorization",
            "V1Autoscaling", "V1Batch", "V1Certificates", "V1Coordination", "V1Discovery", "V1Events",
            "V1Flowcontrol", "V1Networking", "V1Node", "V1Policy", "V1Rbac", "V1Resource", "V1Scheduling",
            "V1Storage", "V1alpha1Apiserverinternal", "V1alpha1Rbac", "V1alpha1Scheduling",
            "V1beta1Admissionregistration", "V1beta1Apiextensions", "V1beta1Apps", "V1beta1Authentication",
            "V1beta1Authorization", "V1beta1Batch", "V1beta1Certificates", "V1beta1Extensions", "V1beta1Policy",
            "V1beta1Rbac", "V1beta1Storage", "V1beta1Storagemigration", "V1beta2Apps", "V2Autoscaling",
            "V2beta1Autoscaling", "V2beta2Autoscaling");

    /** Short group in the proto package -> API group. Absent: "SHORT.k8s.io". */
    private static final Map<String, String> GROUPS = Map.of(
            "core", "",
            "apps", "apps",
            "batch", "batch",
            "autoscaling", "autoscaling",
            "policy", "policy",
            "extensions", "extensions",
            "rbac", "rbac.authorization.k8s.io",
            "flowcontrol", "flowcontrol.apiserver.k8s.io",
            "apiserverinternal", "internal.apiserver.k8s.io");

    private static final ProtoTypes INSTANCE = new ProtoTypes();

    private final Map<String, Message> byApiVersionAndKind = new HashMap<>();
    private final Map<String, Message> byFullName = new HashMap<>();

    private ProtoTypes() {
        for (String outer : OUTER_CLASSES) {
            FileDescriptor file = fileDescriptor(outer);
            String apiVersion = apiVersionOf(file.getPackage());
            for (Descriptor type : file.getMessageTypes()) {
                Message instance = defaultInstance(outer, type);
                byApiVersionAndKind.put(apiVersion + "/" + type.getName(), instance);
                byFullName.put(type.getFullName(), instance);
            }
        }
    }

    public static ProtoTypes get() {
        return INSTANCE;
    }

    /** The default instance of the message type for apiVersion ("v1", "apps/v1") and kind. */
    public Optional<Message> find(String apiVersion, String kind) {
        return Optional.ofNullable(byApiVersionAndKind.get(apiVersion + "/" + kind));
    }

    /** The message type a kind is stored as: its declared protobuf type; empty for a kind stored as JSON. */
    public Optional<Message> of(ResourceKind kind) {
        return kind.protoType() == null ? Optional.empty() : Optional.ofNullable(byFullName.get(kind.protoType()));
    }

    /** "k8s.io.api.apps.v1" -> "apps/v1"; "k8s.io.api.core.v1" -> "v1". */
    public static String apiVersionOf(String protoPackage) {
        String[] parts = protoPackage.split("\\.");
        String version = parts[parts.length - 1];
        String shortGroup = parts[parts.length - 2];
        if (protoPackage.startsWith("k8s.io.apiextensions_apiserver")) {
            return "apiextensions.k8s.io/" + version;
        }
        String group = GROUPS.getOrDefault(shortGroup, shortGroup + ".k8s.io");
        return group.isEmpty() ? version : group + "/" + version;
    }

    private static FileDescriptor fileDescriptor(String outer) {
        try {
            return (FileDescriptor) Class.forName("io.kubernetes.client.proto." + outer).getMethod("getDescriptor").invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("client-java-proto lacks " + outer + ": " + e, e);
        }
    }

    /** The generated class's default instance (fast parsing); DynamicMessage only as a fallback. */
    private static Message defaultInstance(String outer, Descriptor type) {
        try {
            Class<?> c = Class.forName("io.kubernetes.client.proto." + outer + "$" + type.getName());
            return (Message) c.getMethod("getDefaultInstance").invoke(null);
        } catch (ReflectiveOperationException e) {
            return DynamicMessage.getDefaultInstance(type);
        }
    }
}
