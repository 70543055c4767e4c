package dev.mutineer.injector.operator;

import dev.mutineer.injector.catalog.Field;
import dev.mutineer.injector.catalog.FieldEdit;
import dev.mutineer.injector.fault.AtRestFault;
import dev.mutineer.injector.fault.Parameter;
import dev.mutineer.injector.fault.ParameterType;

import java.util.List;

/**
 * Sets one field to its type's zero value: 0, "", false, an empty list or map, an unset timestamp. That is the
 * Go zero value an omitted field decodes to, so the object reads as if its writer had left the field out: a
 * plausible bug (a client that drops a field on update) rather than an extreme value.
 */
public final class ZeroValueOperator extends AtRestFault {

    public static final String NAME = "zero-value";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String doc() {
        return "One field set to its type's zero value (0, \"\", false, empty list or map): as if its writer had omitted it.";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(Parameter.drawn("field", "the field path; random among those not already zero when unset", ParameterType.TEXT));
    }

    @Override
    public Mutation apply(OperatorInput in) {
        Field f = FieldMutations.pick(in, ZeroValueOperator::notZero, "field with a value other than its zero value");
        if (!notZero(f)) {
            throw new NotApplicableException(f.path() + " = " + f.display() + " is already its type's zero value");
        }
        FieldEdit zero = switch (f.type()) {
            case INT32, INT64 -> new FieldEdit.Set(0L);
            case DOUBLE -> new FieldEdit.Set(0.0);
            case STRING -> new FieldEdit.Set("");
            case BOOL -> new FieldEdit.Set(false);
            case BYTES -> new FieldEdit.Set(new byte[0]);
            case QUANTITY -> new FieldEdit.Set("0");
            case LIST, MAP -> new FieldEdit.Clear();
            case TIMESTAMP -> new FieldEdit.Remove(); // an unset metav1.Time is the zero time
            case OBJECT, NULL -> throw new NotApplicableException(f.path() + " holds no value to zero");
        };
        return FieldMutations.edit(in.original(), in.object(), f, zero, "zero-value on " + f.path());
    }

    private static boolean notZero(Field f) {
        Object v = f.value();
        return switch (f.type()) {
            case INT32, INT64 -> ((Number) v).longValue() != 0;
            case DOUBLE -> ((Number) v).doubleValue() != 0;
            case STRING, BYTES -> !"".equals(v);
            case QUANTITY -> !"0".equals(v);
            case BOOL -> Boolean.TRUE.equals(v);
            case LIST, MAP -> ((Integer) v) > 0;
            case TIMESTAMP -> v != null;
            case OBJECT, NULL -> false;
        };
    }
}
