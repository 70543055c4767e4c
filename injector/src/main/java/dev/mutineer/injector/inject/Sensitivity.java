package dev.mutineer.injector.inject;

/**
 * Which stored values may not be written down in clear: always a Secret's data, and whatever fields a campaign marks
 * sensitive. Field paths are the field catalog's ({@code data[password]}, {@code spec.template.spec.containers[0].env[1].value}).
 */
public interface Sensitivity {

    /** Whether the value of this field of an object of this kind is sensitive. */
    boolean covers(String kind, String fieldPath);

    /** Whether objects of this kind hold sensitive fields: then their raw bytes (a bit flip's byte, a byte diff) may too. */
    boolean anyIn(String kind);

    /** A Secret's data (stringData is folded into data when stored, but a JSON-stored copy could keep it). */
    Sensitivity SECRETS = new Sensitivity() {
        @Override
        public boolean covers(String kind, String fieldPath) {
            return anyIn(kind) && (fieldPath.equals("data") || fieldPath.startsWith("data[") || fieldPath.startsWith("data.")
                    || fieldPath.equals("stringData") || fieldPath.startsWith("stringData[") || fieldPath.startsWith("stringData."));
        }

        @Override
        public boolean anyIn(String kind) {
            return "Secret".equals(kind);
        }
    };

    /** This or the other. */
    default Sensitivity or(Sensitivity other) {
        Sensitivity self = this;
        return new Sensitivity() {
            @Override
            public boolean covers(String kind, String fieldPath) {
                return self.covers(kind, fieldPath) || other.covers(kind, fieldPath);
            }

            @Override
            public boolean anyIn(String kind) {
                return self.anyIn(kind) || other.anyIn(kind);
            }
        };
    }
}
