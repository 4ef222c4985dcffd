package io.ngi.sample;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import io.ngi.spring.boot.test.NgiTest;
import io.ngi.spring.boot.test.NgiTestClient;
import io.ngi.testing.Fragmentation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@link SampleServersTests} scenario again, with each write reaching the servers
 * one byte at a time ({@code @NgiTest(fragmentation = "BYTES")}): the sample's framing
 * does not depend on where the network cuts a stream.
 */
@NgiTest(fragmentation = "BYTES")
@Import(SampleServers.class)
class SampleServersCutIntoBytesTests extends SampleServersTests {

	@Autowired
	private NgiTestClient client;

	@Test
	void writesAreCutIntoBytes() {
		assertThat(this.client.implementation().fragmentation()).isEqualTo(Fragmentation.BYTES);
	}

}
