package io.ngi.sample.finger;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import io.ngi.spring.boot.test.NgiTest;
import io.ngi.spring.boot.test.NgiTestClient;
import io.ngi.testing.Fragmentation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@link FingerServiceTests} scenario again, with each write reaching the servers
 * one byte at a time ({@code @NgiTest(fragmentation = "BYTES")}): a query, a CRLF, a
 * 513th byte or a control byte is seen the same wherever the network cuts the stream.
 */
@NgiTest(fragmentation = "BYTES")
@Import(FingerConfiguration.class)
class FingerServiceCutIntoBytesTests extends FingerServiceTests {

	@Autowired
	private NgiTestClient client;

	@Test
	void writesAreCutIntoBytes() {
		assertThat(this.client.implementation().fragmentation()).isEqualTo(Fragmentation.BYTES);
	}

}
