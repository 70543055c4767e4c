package dev.mutineer.cli;

import dev.mutineer.campaign.shard.Shard;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads --shard K/N; a bad value is a usage error (exit 2) naming what is wrong. */
final class ShardOption implements ITypeConverter<Shard> {

    static final String DESCRIPTION = "Run only the K-th of N slices of the plan (1 <= K <= N <= " + Shard.MAX_COUNT
            + "). An injection's slice depends on its ID and N alone, so N machines running 1/N .. N/N together run "
            + "the plan exactly once; merge their results with 'mutineer merge'.";

    @Override
    public Shard convert(String value) {
        try {
            return Shard.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
