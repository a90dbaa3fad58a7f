/**
 * The channel SPI of CSAT Kit: the contract that host applications implement to deliver
 * surveys over SMS, email, chat and the phone keypad. It depends on the JDK alone, so an
 * adapter never drags the engine's dependencies along.
 */
module dev.csatkit.channels.spi {
    requires static org.jspecify;

    exports dev.csatkit.channels.spi;

    uses dev.csatkit.channels.spi.ChannelProvider;
}
