package dev.mutineer.injector.operator;

/**
 * How an at-rest fault changes one stored value. Implementations are stateless; everything an
 * application depends on (parameters, random choices via a seeded Random) comes in through
 * {@link OperatorInput}, so the same input always gives the same mutation. The faults themselves
 * (name, parameters, docs) are {@link dev.mutineer.injector.fault.AtRestFault}s in
 * {@link dev.mutineer.injector.fault.Faults}.
 */
public interface FaultOperator {

    /** The name campaign files use: "bit-flip", "value", "dependency", "delete", "undecodable". */
    String name();

    /**
     * The mutated value.
     *
     * @throws NotApplicableException when this object offers nothing this operator (with these
     *                                parameters) can change: no such field, no other object to point at
     */
    Mutation apply(OperatorInput input);
}
