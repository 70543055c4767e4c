package dev.mutineer.injector.operator;

import java.util.Set;

/**
 * One kind of corruption of a stored value. Implementations are stateless; everything an
 * application depends on (parameters, random choices via a seeded Random) comes in through
 * {@link OperatorInput}, so the same input always gives the same mutation.
 */
public interface FaultOperator {

    /** The name campaign files use: "bit-flip", "value", "dependency", "delete", "undecodable". */
    String name();

    /** The parameters this operator understands; any other is a mistake in the campaign file. */
    Set<String> parameters();

    /**
     * The mutated value.
     *
     * @throws NotApplicableException when this object offers nothing this operator (with these
     *                                parameters) can change: no such field, no other object to point at
     */
    Mutation apply(OperatorInput input);
}
