package dev.mutineer.injector.testing;

import com.google.protobuf.Message;
import io.kubernetes.client.proto.IntStr.IntOrString;
import io.kubernetes.client.proto.Meta.LabelSelector;
import io.kubernetes.client.proto.Meta.ObjectMeta;
import io.kubernetes.client.proto.Meta.OwnerReference;
import io.kubernetes.client.proto.Meta.Time;
import io.kubernetes.client.proto.Resource.Quantity;
import io.kubernetes.client.proto.Runtime.TypeMeta;
import io.kubernetes.client.proto.Runtime.Unknown;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;

import java.io.ByteArrayOutputStream;

/**
 * Stored objects built the way the API server writes them: every string field present even
 * when empty is not needed here, but the envelope is exact ("k8s\0" + runtime.Unknown with
 * empty contentEncoding and contentType, as Go writes them).
 */
public final class Fixtures {

    public static final String POD_UID = "0b7c6a1e-3f0e-4a55-9d2b-5c1f2d3e4f50";
    public static final String RS_UID = "5d41402a-bc4b-4a76-b971-9d911017c592";

    private Fixtures() {
    }

    public static byte[] envelope(String apiVersion, String kind, Message object) {
        Unknown u = Unknown.newBuilder()
                .setTypeMeta(TypeMeta.newBuilder().setApiVersion(apiVersion).setKind(kind))
                .setRaw(object.toByteString())
                .setContentEncoding("")
                .setContentType("")
                .build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[]{'k', '8', 's', 0});
        out.writeBytes(u.toByteArray());
        return out.toByteArray();
    }

    public static V1.Pod pod(String name, String nodeName) {
        return V1.Pod.newBuilder()
                .setMetadata(ObjectMeta.newBuilder()
                        .setName(name).setGenerateName("web-7d9f8b6c5d-").setNamespace("default")
                        .setUid(POD_UID)
                        .setCreationTimestamp(Time.newBuilder().setSeconds(1_763_700_000L).setNanos(0))
                        .putLabels("app", "web").putLabels("pod-template-hash", "7d9f8b6c5d")
                        .addOwnerReferences(OwnerReference.newBuilder().setApiVersion("apps/v1").setKind("ReplicaSet")
                                .setName("web-7d9f8b6c5d").setUid(RS_UID).setController(true).setBlockOwnerDeletion(true)))
                .setSpec(V1.PodSpec.newBuilder()
                        .addContainers(V1.Container.newBuilder().setName("web").setImage("nginx:1.27")
                                .addPorts(V1.ContainerPort.newBuilder().setContainerPort(80).setProtocol("TCP"))
                                .setResources(V1.ResourceRequirements.newBuilder()
                                        .putRequests("cpu", Quantity.newBuilder().setString("100m").build())
                                        .putRequests("memory", Quantity.newBuilder().setString("64Mi").build()))
                                .setTerminationMessagePath("/dev/termination-log").setTerminationMessagePolicy("File")
                                .setImagePullPolicy("IfNotPresent"))
                        .setRestartPolicy("Always").setTerminationGracePeriodSeconds(30).setDnsPolicy("ClusterFirst")
                        .setServiceAccountName("default").setNodeName(nodeName).setSchedulerName("default-scheduler")
                        .setEnableServiceLinks(true))
                .setStatus(V1.PodStatus.newBuilder().setPhase("Running").setQosClass("Burstable")
                        .setPodIP("10.244.1.5").addPodIPs(V1.PodIP.newBuilder().setIp("10.244.1.5"))
                        .setHostIP("10.0.0.1")
                        .addConditions(V1.PodCondition.newBuilder().setType("Ready").setStatus("True")
                                .setLastTransitionTime(Time.newBuilder().setSeconds(1_763_700_010L))))
                .build();
    }

    public static byte[] storedPod(String name, String nodeName) {
        return envelope("v1", "Pod", pod(name, nodeName));
    }

    public static V1.Node node(String name) {
        return V1.Node.newBuilder()
                .setMetadata(ObjectMeta.newBuilder().setName(name).setUid("a1a1a1a1-0000-4000-8000-" + String.format("%012d", Math.abs(name.hashCode())))
                        .putLabels("kubernetes.io/hostname", name).putLabels("type", "kwok"))
                .setSpec(V1.NodeSpec.newBuilder().setPodCIDR("10.244.1.0/24"))
                .setStatus(V1.NodeStatus.newBuilder()
                        .putCapacity("cpu", Quantity.newBuilder().setString("32").build())
                        .putCapacity("pods", Quantity.newBuilder().setString("110").build())
                        .addConditions(V1.NodeCondition.newBuilder().setType("Ready").setStatus("True")))
                .build();
    }

    public static V1Apps.Deployment deployment(String name, int replicas) {
        return V1Apps.Deployment.newBuilder()
                .setMetadata(ObjectMeta.newBuilder().setName(name).setNamespace("default").setUid("d0d0d0d0-1111-4222-8333-444455556666")
                        .setGeneration(1))
                .setSpec(V1Apps.DeploymentSpec.newBuilder().setReplicas(replicas)
                        .setSelector(LabelSelector.newBuilder().putMatchLabels("app", name))
                        .setTemplate(V1.PodTemplateSpec.newBuilder()
                                .setMetadata(ObjectMeta.newBuilder().putLabels("app", name))
                                .setSpec(V1.PodSpec.newBuilder().addContainers(V1.Container.newBuilder().setName(name).setImage("nginx:1.27"))))
                        .setStrategy(V1Apps.DeploymentStrategy.newBuilder().setType("RollingUpdate")))
                .build();
    }

    public static V1.Service service(String name, String app) {
        return V1.Service.newBuilder()
                .setMetadata(ObjectMeta.newBuilder().setName(name).setNamespace("default").setUid("5e5e5e5e-1111-4222-8333-444455556666"))
                .setSpec(V1.ServiceSpec.newBuilder().putSelector("app", app).setType("ClusterIP").setClusterIP("10.96.0.10")
                        .addPorts(V1.ServicePort.newBuilder().setPort(80).setProtocol("TCP")
                                .setTargetPort(IntOrString.newBuilder().setType(0).setIntVal(80))))
                .build();
    }
}
