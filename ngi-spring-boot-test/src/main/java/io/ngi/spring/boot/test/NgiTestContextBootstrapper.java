package io.ngi.spring.boot.test;

import org.springframework.boot.test.autoconfigure.TestSliceTestContextBootstrapper;

/**
 * The {@link org.springframework.test.context.TestContextBootstrapper} of
 * {@link NgiTest}: reads the slice's {@link NgiTest#properties()}.
 */
final class NgiTestContextBootstrapper extends TestSliceTestContextBootstrapper<NgiTest> {

}
