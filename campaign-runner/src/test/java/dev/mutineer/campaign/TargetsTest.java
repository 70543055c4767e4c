package dev.mutineer.campaign;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TargetsTest {

    @Test
    void emptyTargetsSelectEverything() {
        assertThat(Targets.ALL.selectsObject("Node", "", "kwok-node-0")).isTrue();
        assertThat(Targets.ALL.selectsField("spec.nodeName")).isTrue();
    }

    @Test
    void objectsAreSelectedByKindNamespaceAndNamePattern() {
        Targets t = new Targets(List.of("Pod", "Node"), List.of("shop"), List.of("frontend-*", "kwok-node-?"), List.of());
        assertThat(t.selectsObject("Pod", "shop", "frontend-7d9f-abcde")).isTrue();
        assertThat(t.selectsObject("Pod", "shop", "backend-1")).isFalse();
        assertThat(t.selectsObject("Pod", "other", "frontend-1")).isFalse();
        assertThat(t.selectsObject("Deployment", "shop", "frontend")).isFalse();
        // '?' is not special: only '*' is, so names need no escaping.
        assertThat(t.selectsObject("Node", "", "kwok-node-?")).isTrue();
        assertThat(t.selectsObject("Node", "", "kwok-node-0")).isFalse();
    }

    @Test
    void fieldPatternsFollowTheCatalogsPathNotation() {
        Targets t = new Targets(List.of(), List.of(), List.of(),
                List.of("metadata.labels[*]", "spec.template.spec.containers[*].*", "metadata.ownerReferences[*].**", "spec.replicas"));
        assertThat(t.selectsField("metadata.labels[app.kubernetes.io/name]")).isTrue();
        assertThat(t.selectsField("spec.template.spec.containers[*].image")).isTrue();
        assertThat(t.selectsField("spec.template.spec.containers[*].env[*].value")).isFalse(); // '*' stays in one segment
        assertThat(t.selectsField("metadata.ownerReferences[*].uid")).isTrue();
        assertThat(t.selectsField("spec.replicas")).isTrue();
        assertThat(t.selectsField("spec.replicasX")).isFalse();
        assertThat(t.selectsField("metadata.annotations[a]")).isFalse();
    }

    @Test
    void unbalancedBracketsAreRejected() {
        assertThatThrownBy(() -> Glob.field("metadata.labels[app")).hasMessageContaining("unbalanced");
        assertThatThrownBy(() -> Glob.field("metadata.labels]")).hasMessageContaining("unbalanced");
    }
}
