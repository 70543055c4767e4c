package dev.mutineer.injector.fault;

/** A fault whose name and doc line are given when it is made (the in-flight and component families). */
public abstract class DescribedFault implements Fault {

    private final String name;
    private final String doc;

    protected DescribedFault(String name, String doc) {
        this.name = name;
        this.doc = doc;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String doc() {
        return doc;
    }
}
