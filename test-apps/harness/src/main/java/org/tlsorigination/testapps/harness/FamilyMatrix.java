package org.tlsorigination.testapps.harness;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;
import org.junit.jupiter.params.support.ParameterDeclarations;
import org.junit.platform.commons.support.AnnotationSupport;

/** The cells of a test class's matrix: each claimed version of the library, times each shape the class names for it. */
public final class FamilyMatrix implements ArgumentsProvider {

    @Override
    public Stream<? extends Arguments> provideArguments(ParameterDeclarations parameters, ExtensionContext context) {
        List<ClientShapes> shapes = AnnotationSupport.findRepeatableAnnotations(context.getRequiredTestClass(),
                ClientShapes.class);
        return LibraryVersion.claimed().stream().flatMap(version -> cells(version, shapes)).map(Arguments::of);
    }

    private static Stream<ClientUnderTest> cells(LibraryVersion version, List<ClientShapes> shapes) {
        if (shapes.isEmpty()) {
            return Stream.of(new ClientUnderTest(version, null));
        }
        return shapes.stream()
                .filter(group -> group.library().isEmpty() || version.name().startsWith(group.library() + "-")
                        || version.name().startsWith(group.library() + "."))
                .flatMap(group -> Arrays.stream(group.value()))
                .map(shape -> new ClientUnderTest(version, shape));
    }
}
