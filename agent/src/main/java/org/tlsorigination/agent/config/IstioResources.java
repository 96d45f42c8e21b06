package org.tlsorigination.agent.config;

import java.util.ArrayList;
import java.util.List;

/** The Istio resources of one rules file, each checked field by field as it is read, not yet related to one another. */
final class IstioResources {
    private static final List<String> API_VERSIONS = List.of(
            "networking.istio.io/v1alpha3", "networking.istio.io/v1beta1", "networking.istio.io/v1");
    private static final List<String> KINDS = List.of("ServiceEntry", "VirtualService", "DestinationRule");

    private final List<ServiceEntry> serviceEntries = new ArrayList<>();
    private final List<VirtualService> virtualServices = new ArrayList<>();
    private final List<DestinationRule> destinationRules = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final ReferencedFiles files;

    /** @param files resolves and records the files the resources name */
    IstioResources(ReferencedFiles files) {
        this.files = files;
    }

    /** Checks one non-empty YAML document, field by field, and keeps its resource. */
    void add(YamlField document) throws ConfigException {
        YamlMapping unnamed = document.mapping();
        YamlField kindField = unnamed.get("kind");
        String kind = kindField.string();
        if (!KINDS.contains(kind)) {
            throw kindField.error("kind " + kind + " is not supported (supported: " + String.join(", ", KINDS) + ")");
        }
        String label = kind + " " + metadataName(document.ownedBy(kind).mapping().get("metadata"));
        YamlMapping resource = document.ownedBy(label).mapping();
        resource.allowOnly("apiVersion", "kind", "metadata", "spec");
        YamlField apiVersion = resource.get("apiVersion");
        if (!API_VERSIONS.contains(apiVersion.string())) {
            throw apiVersion.error("apiVersion " + apiVersion.string() + " is not supported (supported: "
                    + String.join(", ", API_VERSIONS) + ")");
        }
        YamlMapping spec = resource.get("spec").mapping();
        switch (kind) {
            case "ServiceEntry":
                serviceEntries.add(ServiceEntry.parse(label, spec, notes));
                break;
            case "VirtualService":
                virtualServices.add(VirtualService.parse(label, spec, notes));
                break;
            default:
                destinationRules.add(DestinationRule.parse(label, spec, files, notes));
        }
    }

    private static String metadataName(YamlField metadataField) throws ConfigException {
        YamlMapping metadata = metadataField.mapping();
        metadata.allowOnly("name", "namespace", "labels", "annotations");
        return metadata.get("name").string();
    }

    /** Records that a field was read but means nothing inside one JVM. */
    static void noteNotApplicable(YamlField field, List<String> notes) {
        if (field.isPresent()) {
            notes.add(field.describe("not applicable in-process, ignored"));
        }
    }

    List<ServiceEntry> serviceEntries() {
        return serviceEntries;
    }

    List<VirtualService> virtualServices() {
        return virtualServices;
    }

    List<DestinationRule> destinationRules() {
        return destinationRules;
    }

    List<String> notes() {
        return notes;
    }

    int count() {
        return serviceEntries.size() + virtualServices.size() + destinationRules.size();
    }
}
