package io.ngi.spring.boot.test;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import io.ngi.spring.boot.test.sample.EchoServer;
import io.ngi.spring.boot.test.sample.ReverseServerConfiguration;
import io.ngi.spring.boot.test.sample.ShoutServer;
import io.ngi.testing.TestConnection;

import static org.assertj.core.api.Assertions.assertThat;

@NgiTest(servers = { EchoServer.class, ShoutServer.class }, properties = "echo.address=127.0.0.1:7")
@Import(ReverseServerConfiguration.class)
class NgiTestImportTests {

	@Autowired
	private NgiTestClient ngi;

	@Test
	void serversAttributeShouldLimitTheScanAndImportShouldAddBeanDefinedServers() {
		assertThat(this.ngi.listenerNames()).containsExactlyInAnyOrder("echo", "shout", "reverse");
	}

	@Test
	void handlerComponentThatIsNoListenerShouldBeScannedWhenServersAreLimited() {
		TestConnection client = this.ngi.connect("shout");
		client.write("quiet".getBytes(StandardCharsets.UTF_8));
		assertThat(client.output()).isEqualTo("-> 'QUIET'");
	}

	@Test
	void beanDefinedServerShouldWorkWhenItsConfigurationIsImported() {
		TestConnection client = this.ngi.connect("reverse");
		client.write("stressed".getBytes(StandardCharsets.UTF_8));
		assertThat(client.output()).isEqualTo("-> 'desserts'");
	}

	@Test
	void propertiesAttributeShouldReachTheEnvironment() {
		assertThat(this.ngi.address("echo")).hasToString("/127.0.0.1:7");
		TestConnection client = this.ngi.connect("echo");
		client.write("hi".getBytes(StandardCharsets.UTF_8));
		assertThat(client.output()).isEqualTo("-> 'hi'");
	}

}
