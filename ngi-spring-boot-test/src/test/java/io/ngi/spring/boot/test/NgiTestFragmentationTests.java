package io.ngi.spring.boot.test;

import org.junit.jupiter.api.Test;

import io.ngi.testing.Fragmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * How {@code @NgiTest(fragmentation = ...)} (the property {@code ngi.test.fragmentation})
 * is read.
 */
class NgiTestFragmentationTests {

	@Test
	void namesAreReadInAnyCase() {
		assertThat(NgiTestingAutoConfiguration.fragmentation("NONE")).isEqualTo(Fragmentation.NONE);
		assertThat(NgiTestingAutoConfiguration.fragmentation("bytes")).isEqualTo(Fragmentation.BYTES);
		assertThat(NgiTestingAutoConfiguration.fragmentation(" Random(42) ")).isEqualTo(Fragmentation.random(42));
		assertThat(NgiTestingAutoConfiguration.fragmentation("RANDOM(-7)")).isEqualTo(Fragmentation.random(-7));
	}

	@Test
	void anythingElseFailsNamingTheValueAndWhatIsAccepted() {
		assertThatIllegalArgumentException().isThrownBy(() -> NgiTestingAutoConfiguration.fragmentation("RANDOM"))
			.withMessage("ngi.test.fragmentation must be NONE, BYTES or RANDOM(<seed>), such as RANDOM(42): 'RANDOM'");
	}

}
