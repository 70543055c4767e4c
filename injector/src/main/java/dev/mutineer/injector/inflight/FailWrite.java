package dev.mutineer.injector.inflight;

import dev.mutineer.injector.fault.InflightFault;
import dev.mutineer.injector.fault.Parameter;
import dev.mutineer.injector.fault.ParameterProblem;
import dev.mutineer.injector.fault.ParameterType;
import io.grpc.Status;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A write refused with a gRPC status. */
public final class FailWrite extends InflightFault {

    public FailWrite() {
        super("fail-write", "A write refused with a gRPC status.", Channel.WRITES);
    }

    @Override
    protected List<Parameter> own() {
        return List.of(
                Parameter.fixed("code", "a gRPC status code (default UNAVAILABLE)", ParameterType.TEXT),
                Parameter.fixed("message", "the status message (default: injected by mutineer)", ParameterType.TEXT));
    }

    @Override
    public List<ParameterProblem> combinationProblems(Map<String, String> parameters) {
        List<ParameterProblem> out = new ArrayList<>(super.combinationProblems(parameters));
        if (parameters.containsKey("code") && code(parameters.get("code")) == null) {
            out.add(new ParameterProblem("code", "fail-write: code=" + parameters.get("code")
                    + " is not a gRPC status code; e.g. UNAVAILABLE, INTERNAL, RESOURCE_EXHAUSTED"));
        }
        return out;
    }

    @Override
    protected Action action(Map<String, String> parameters, long seed) {
        return new Action.Fail(code(parameters.getOrDefault("code", "UNAVAILABLE")), parameters.getOrDefault("message", "injected by mutineer"));
    }

    private static Status.Code code(String name) {
        try {
            return Status.Code.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
