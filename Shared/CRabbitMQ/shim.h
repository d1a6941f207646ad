// rabbitmq-c 0.11 (Debian: librabbitmq-dev) installs flat headers.
#include <amqp.h>
#include <amqp_tcp_socket.h>

// amqp_login is variadic, which Swift cannot call: this fixed-argument wrapper covers
// the PLAIN mechanism, the only one the services use.
static inline amqp_rpc_reply_t lce_amqp_login_plain(amqp_connection_state_t state,
                                                    const char *vhost, int channel_max,
                                                    int frame_max, int heartbeat,
                                                    const char *user, const char *password) {
    return amqp_login(state, vhost, channel_max, frame_max, heartbeat,
                      AMQP_SASL_METHOD_PLAIN, user, password);
}

// amqp_login_with_properties is variadic too; this wrapper lets a client name its connection
// (client property "connection_name"), which the broker shows in `rabbitmqctl list_connections`.
static inline amqp_rpc_reply_t lce_amqp_login_plain_with_properties(amqp_connection_state_t state,
                                                                    const char *vhost, int channel_max,
                                                                    int frame_max, int heartbeat,
                                                                    const amqp_table_t *properties,
                                                                    const char *user, const char *password) {
    return amqp_login_with_properties(state, vhost, channel_max, frame_max, heartbeat, properties,
                                      AMQP_SASL_METHOD_PLAIN, user, password);
}
