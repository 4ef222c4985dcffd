package io.ngi.sample.kv;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import io.ngi.spring.boot.test.NgiTest;
import io.ngi.spring.boot.test.NgiTestClient;
import io.ngi.testing.Fragmentation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@link KvServerTests} scenario again with each write reaching the server one byte
 * at a time ({@code @NgiTest(fragmentation = "BYTES")}): requests, pipelines, protocol
 * errors and large values do not depend on where the network cuts the stream.
 */
@NgiTest(fragmentation = "BYTES")
@Import(KvConfiguration.class)
class KvServerCutIntoBytesTests extends KvServerTests {

	@Autowired
	private NgiTestClient testClient;

	@Test
	void writesAreCutIntoBytes() {
		assertThat(this.testClient.implementation().fragmentation()).isEqualTo(Fragmentation.BYTES);
	}

}
