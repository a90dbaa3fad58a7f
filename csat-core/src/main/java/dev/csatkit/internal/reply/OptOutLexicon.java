package dev.csatkit.internal.reply;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How people ask to stop receiving messages, in the eight languages of the preset labels. The
 * tables are written as people type; {@link OptOutRules} folds and compiles them.
 *
 * <p>A pattern is a sequence of slots separated by spaces. A slot lists alternatives separated
 * by {@code |}; an alternative of several words joins them with {@code _} ({@code do_not}); a
 * slot ending in {@code ?} may be left out; the slot {@code …} stands for up to three words of
 * the language's {@code gaps} ("stop sending <u>me these</u> texts"). A match is reported in the
 * form that prefixes the pattern ({@code STOP MESSAGES: …}), or else in the first alternative of
 * each slot that may not be left out, in capitals.
 *
 * <ul>
 *   <li><b>Phrases</b> can mean nothing but "stop messaging me": they opt out wherever they
 *       stand ("unsubscribe", "stop texting", "don't text me", "no more texts").</li>
 *   <li><b>Keywords</b> are bare words that also have everyday senses ("stop", "end", "cancel",
 *       "basta"): they opt out only where they stand apart, and only for certain when nothing
 *       else is said.</li>
 * </ul>
 */
final class OptOutLexicon {

    /**
     * One language's tables, unfolded.
     *
     * @param code ISO 639 language code
     * @param phrases patterns that opt out wherever they stand
     * @param keywords patterns that opt out where they stand apart
     * @param fillers words that may stand beside a keyword without saying anything else
     *     ("please", "now", "thanks")
     * @param blockers words after which a keyword is a noun or an infinitive ("the end", "to
     *     cancel", "sans arrêt", "am Ende")
     * @param negations words that turn a request around ("don't stop")
     * @param bridges words a negation may reach across ("don't <u>want to</u> unsubscribe")
     * @param gaps words a {@code …} slot may skip
     * @param guarded words close in spelling to an opt-out that mean something else, often the
     *     opposite ("anmelden" beside "abmelden"); never read as a misspelling
     */
    record Table(String code, List<String> phrases, List<String> keywords, String fillers, String blockers,
            String negations, String bridges, String gaps, String guarded) {
    }

    private static final Map<String, Table> TABLES = new LinkedHashMap<>();

    static {
        add(new Table("en",
                List.of(
                        "unsubscribe|unsubscribed|unsubscribing|unsubscription|unsub|unsuscribe|unsubcribe",
                        "stopall",
                        "optout|opt_out|opted_out|opting_out",
                        "opt|opted me|us out",
                        "REVOKE CONSENT: revoke|revoked|revoking|withdraw|withdrawing … consent|permission|authorization",
                        "STOP MESSAGES: stop|quit|cease|halt|stp|stpo|sotp|stopp … texting|txting|texing|messaging|msging|sending"
                                + "|contacting|emailing|e_mailing|calling|ringing|spamming|bothering|harassing"
                                + "|pestering|surveying|asking|texts|text|txts|txt|messages|message|msgs|msg|sms"
                                + "|smses|emails|email|e_mails|mails|surveys|survey|spam|calls|notifications"
                                + "|reminders|alerts|marketing|promotions|subscription",
                        "STOP MESSAGES: end|cancel|cancle … texts|txts|messages|msgs|sms|surveys|survey|emails|subscription"
                                + "|subscriptions|notifications|alerts|reminders|spam|marketing",
                        "DON'T CONTACT ME: don't|dont|do_not|never|pls_dont|plz_dont|please_dont|please_do_not … text|txt|message|msg"
                                + "|contact|email|e_mail|mail|call|ring|sms|send|spam|survey|bother|write|ask|msg"
                                + " me|us",
                        "DON'T WANT MESSAGES: don't|dont|do_not|never want|need … texts|txts|messages|msgs|sms|surveys|emails|spam"
                                + "|notifications|calls|text|message",
                        "NO MORE MESSAGES: no more|further texts|text|txts|messages|message|msgs|sms|smses|surveys|survey"
                                + "|emails|mails|spam|calls|notifications|reminders|questionnaires|marketing"
                                + "|contact",
                        "REMOVE ME: remove|delete|erase|unlist|drop me|us|my_number|my_phone_number|my_phone|my_details"
                                + "|my_info|my_email|my_contact|this_number",
                        "TAKE ME OFF THE LIST: take|get me|us|my_number|this_number off|out_of … list|lists|register|database"
                                + "|system|mailing",
                        "LEAVE ME ALONE: leave me|us alone",
                        "LOSE MY NUMBER: lose|forget my_number|this_number"),
                List.of(
                        "stop|stp|stpo|sotp|stopp|stopit|stahp",
                        "end",
                        "quit|qiut",
                        "cancel|cancle|cancell|cansel",
                        "revoke",
                        "halt",
                        "no_more",
                        "take|get me|us off"),
                "please pls plz plez pleas plse now right immediately asap it all just ok okay thanks thank you"
                        + " thx ty kindly seriously already can could would i said guys sir madam hey hi hello dear"
                        + " ffs omg god damn lol ugh yes yeah again this but and so then also or",
                "the a an to this that these those my your our their his her its any every each at of from till"
                        + " until non full pit bus dead back front high low tail rear year week will would should"
                        + " must might may shall did does i we they he she it ill well theyll shell hell youll id"
                        + " wed theyd im gonna wanna never",
                "not dont never didnt doesnt wont wouldnt cant cannot couldnt shouldnt isnt arent aint",
                "to want wanna like need wish ever really just please be me plan going gonna intend try trying"
                        + " mean meant ask asked",
                "me us the these those this your ur yr all any of with such my our more further sending ever"
                        + " again anymore please plz pls",
                "subscribe subscribed subscribing subscription"));
        add(new Table("fr",
                List.of(
                        "désabonner|désabonnez|désabonne|désabonnes|désabonné|désabonnée|désabonnement|désabo",
                        "désinscrire|désinscrivez|désinscris|désinscrit|désinscrite|désinscription",
                        "ARRÊTEZ LES MESSAGES: arrêtez|arrête|arrêter|arrêtes|arret|arrêt|cessez|cesse|cesser|stop|stoppez|stoppe"
                                + "|stopper … sms|texto|textos|messages|message|msg|mails|mail|courriels|courriel"
                                + "|e_mails|emails|enquêtes|enquête|sondages|sondage|questionnaires|appels"
                                + "|notifications|relances|pubs|pub|publicités|spams|spam|envois",
                        "ARRÊTEZ DE M'ÉCRIRE: arrêtez|arrête|arrêter|arrêtes|cessez|cesse|cesser|stop|stoppez de? m'écrire"
                                + "|m'envoyer|m'appeler|m'harceler|m'embêter|m'ennuyer|d'envoyer|d'écrire"
                                + "|d'appeler|me_contacter|me_déranger|me_harceler|me_relancer|me_solliciter"
                                + "|nous_écrire|nous_contacter|nous_envoyer|envoyer|écrire|spammer|contacter",
                        "NE M'ÉCRIVEZ PLUS: ne|n' m'écrivez|m'envoyez|m'appelez|m'écris|m'envoie|m'envoyez|m'harcelez"
                                + "|me_contactez|me_dérangez|me_harcelez|me_sollicitez|me_relancez|nous_écrivez"
                                + "|nous_contactez … plus",
                        "NE PLUS M'ÉCRIRE: ne plus m'écrire|m'envoyer|m'appeler|me_contacter|me_déranger|me_relancer"
                                + "|me_solliciter|recevoir|être_contacté|être_contactée",
                        "PLUS DE MESSAGES: plus de|d' sms|messages|textos|mails|courriels|enquêtes|sondages|appels|relances|pubs"
                                + "|spams|notifications|questionnaires",
                        "NE VEUX PLUS DE MESSAGES: ne veux|voulons|souhaite|souhaitons|désire plus … recevoir|sms|messages|textos"
                                + "|enquêtes|sondages|mails|être",
                        "RETIREZ-MOI: retirez|supprimez|enlevez|effacez|rayez moi|nous|mon_numéro|mes_coordonnées",
                        "LAISSEZ-MOI TRANQUILLE: laissez|laisse moi|nous tranquille|tranquilles|en_paix"),
                List.of(
                        "arrêt|arrêtez|arrête|arrêter",
                        "stop|stoppez|stoppe",
                        "cessez|cesse",
                        "halte",
                        "fin",
                        "ça_suffit|suffit"),
                "svp stp sil vous plait merci maintenant immédiatement tout de suite bon ok okay bonjour mais et"
                        + " donc alors là",
                "le la les l un une des du de d au aux à a en sans mon ma mes ton ta votre notre leur cette ce"
                        + " cet je j il elle on nous vais va allons vont pour sera point",
                "ne n pas jamais non",
                "me nous te se veux voulez voulons souhaite souhaitons vais pouvez vraiment de d",
                "les vos ces tes des de d aux vous tous toutes svp ce cette la le plus me m nous votre ton",
                "abonner abonnez abonne abonnement inscrire inscrivez inscription"));
        add(new Table("sv",
                List.of(
                        "avregistrera|avregistrering|avregistrerar|avregistrerad|avanmäl|avanmäla|avanmälan"
                                + "|avanmäler|avprenumerera|avprenumererar|avbeställ|avbeställa|avbeställer",
                        "SLUTA SKICKA: sluta|stoppa|stopp|stop … skicka|skriva|smsa|messa|ringa|kontakta|maila|mejla|spamma"
                                + "|tjata|störa|sms|smsen|meddelanden|meddelande|utskick|utskicken|enkäter|enkät"
                                + "|mejl|mail|samtal|reklam|påminnelser",
                        "AVSLUTA PRENUMERATIONEN: avsluta|avbryt … prenumeration|prenumerationen|utskick|utskicken|sms|smsen|enkäter",
                        "SKICKA INTE: skicka|skriv|smsa|messa|ring|kontakta|mejla|maila|stör inte",
                        "INGA FLER SMS: inga|ej fler|mer sms|smsen|meddelanden|utskick|enkäter|mejl|mail|samtal|reklam"
                                + "|påminnelser",
                        "VILL INTE HA SMS: vill inte ha|få … sms|smsen|meddelanden|utskick|enkäter|mejl|mail|samtal|reklam",
                        "TA BORT MIG: ta|tag bort mig|oss|mitt_nummer|mitt_telefonnummer",
                        "LÄMNA MIG IFRED: lämna|låt mig|oss ifred|i_fred|vara"),
                List.of(
                        "stopp|stop|stoppa",
                        "sluta",
                        "avsluta",
                        "avbryt",
                        "det_räcker|räcker"),
                "tack snälla nu genast direkt omedelbart ok okej hej med det men och så då bara",
                "att en ett den i till utan jag vi de ni som vid på kommer ska skulle för",
                "inte ej aldrig icke",
                "vill att verkligen mig oss ska kan behöver",
                "att mig oss med era dina de dessa alla nu här fler mer några sådana något från er ert",
                "registrera registrering anmäl anmäla prenumerera beställ beställa"));
        add(new Table("ru",
                List.of(
                        "отписаться|отпишите|отпиши|отпишитесь|отпишись|отписываюсь|отписываться|отписать"
                                + "|отписывайте|отписалась|отписался|отписали",
                        "ХВАТИТ ПИСАТЬ: хватит|прекратите|прекрати|прекращайте|перестаньте|перестань|не_надо|не_нужно|стоп …"
                                + " писать|присылать|слать|звонить|отправлять|беспокоить|спамить|названивать"
                                + "|рассылать|смс|sms|смски|смсок|сообщения|сообщений|рассылку|рассылки|спам"
                                + "|спама|опросы|опросов",
                        "НЕ ПИШИТЕ: не пишите|присылайте|звоните|беспокойте|отправляйте|шлите|пиши|присылай|звони"
                                + "|беспокой|спамьте|названивайте",
                        "УДАЛИТЕ МЕНЯ: удалите|уберите|исключите|вычеркните меня|мой_номер|мои_данные",
                        "НЕ ХОЧУ ПОЛУЧАТЬ: не хочу|хотим … получать|смс|сообщения|сообщений|рассылку|опросы|спам",
                        "ОТКАЗЫВАЮСЬ ОТ РАССЫЛКИ: отказываюсь|откажусь|отказ от рассылки|рассылок|смс|сообщений|опросов",
                        "ОСТАВЬТЕ МЕНЯ В ПОКОЕ: оставьте|оставь меня|нас в_покое",
                        "ОТСТАНЬТЕ ОТ МЕНЯ: отстаньте|отстань от меня|нас"),
                List.of(
                        "стоп",
                        "хватит",
                        "прекратите|прекрати|прекращайте",
                        "перестаньте|перестань",
                        "остановите|остановитесь",
                        "отписка",
                        "отстаньте|отстань"),
                "пожалуйста пжл пж плиз уже сейчас немедленно спасибо всё все это ну да же уж срочно а и но так",
                "мне нам без на до в во к по чтобы буду будет было если",
                "не ни никогда",
                "хочу хотим буду надо нужно меня мне от бы собираюсь",
                "мне нам меня нас уже пожалуйста эти этих ваши ваших свои больше сюда на этот",
                "подписаться подпишите подпишись подписка подписать"));
        add(new Table("uk",
                List.of(
                        "відписатися|відпишіть|відпиши|відпишись|відпишіться|відписуюсь|відписуватися"
                                + "|відписати|відписуйте",
                        "ДОСИТЬ ПИСАТИ: досить|годі|припиніть|припини|перестаньте|перестань|припиняйте|не_треба|стоп …"
                                + " писати|надсилати|слати|дзвонити|турбувати|спамити|розсилати|смс|sms"
                                + "|повідомлення|повідомлень|розсилку|розсилки|спам|спаму|опитування",
                        "НЕ ПИШІТЬ: не пишіть|надсилайте|дзвоніть|турбуйте|шліть|пиши|надсилай|дзвони|турбуй|спамте",
                        "ВИДАЛІТЬ МЕНЕ: видаліть|приберіть|виключіть|викресліть мене|мій_номер|мої_дані",
                        "НЕ ХОЧУ ОТРИМУВАТИ: не хочу|хочемо … отримувати|смс|повідомлення|повідомлень|розсилку|опитування|спам",
                        "ВІДМОВЛЯЮСЬ ВІД РОЗСИЛКИ: відмовляюсь|відмовляюся|відмова від розсилки|розсилок|смс|повідомлень|опитувань",
                        "ДАЙТЕ МЕНІ СПОКІЙ: дайте мені|нам? спокій",
                        "ЗАЛИШТЕ МЕНЕ В СПОКОЇ: залиште мене|нас у|в спокої"),
                List.of(
                        "стоп",
                        "досить",
                        "годі",
                        "припиніть|припини",
                        "перестаньте|перестань",
                        "зупиніть|зупиніться",
                        "відписка",
                        "відчепіться|відчепись"),
                "будь ласка вже зараз негайно дякую все це ну та же і й а але так терміново",
                "мені нам без на до в у з щоб буде було дуже",
                "не ні ніколи",
                "хочу хочемо буду треба потрібно мене мені від б би збираюся",
                "мені нам мене нас вже будь ласка ці цих ваші ваших свої більше сюди цей",
                "підписатися підпишіть підпишись підписка підписати"));
        add(new Table("pl",
                List.of(
                        "wypisz|wypiszcie|wypisać|wypiszę|wypisanie|wypisuję|wypisujcie|wypisywać",
                        "REZYGNUJĘ Z SMS: rezygnuję|rezygnacja|rezygnacji z sms|smsów|wiadomości|subskrypcji|newslettera"
                                + "|powiadomień|ankiet",
                        "PRZESTAŃCIE PISAĆ: przestańcie|przestań|dość|dosyć|koniec|stop … pisać|wysyłać|dzwonić|przysyłać"
                                + "|spamować|sms|smsów|smsami|wiadomości|ankiet|spamu|esemesów",
                        "NIE PISZCIE: nie piszcie|wysyłajcie|dzwońcie|przysyłajcie|spamujcie|pisz|wysyłaj|dzwoń|przysyłaj"
                                + "|pisać|wysyłać|dzwonić|przysyłać|spamować",
                        "USUŃCIE MNIE: usuńcie|usuń|wykreślcie|skreślcie mnie|mój_numer|moje_dane",
                        "NIE CHCĘ SMS: nie chcę|chcemy … dostawać|otrzymywać|sms|smsów|wiadomości|ankiet|powiadomień",
                        "ZOSTAWCIE MNIE W SPOKOJU: zostawcie|zostaw mnie|nas w_spokoju",
                        "DAJCIE MI SPOKÓJ: dajcie|daj mi|nam spokój"),
                List.of(
                        "stop",
                        "koniec",
                        "dość|dosyć",
                        "przestańcie|przestań",
                        "rezygnacja|rezygnuję",
                        "wystarczy"),
                "proszę prosze już juz natychmiast teraz dziękuję dziekuje dzięki mam wszystko to ok no i a ale"
                        + " więc serio tego z tym",
                "na do bez w za jest był była było będzie bardzo całkiem to",
                "nie nigdy ani",
                "chcę chce chcemy się mnie będę zamierzam mi",
                "mi do mnie już tych tego z proszę więcej nam nas wasze waszych te tymi",
                "zapisz zapiszcie wpisz wpiszcie zapisać subskrybuj"));
        add(new Table("de",
                List.of(
                        "abmelden|abbestellen|abmeldung|abbestellung|abmelde|abbestelle|abgemeldet|abbestellt",
                        "MELDEN SIE MICH AB: melde|melden|meldet sie|ihr? mich|uns ab",
                        "TRAGEN SIE MICH AUS: trag|tragen|tragt sie|ihr? mich|uns aus",
                        "MICH AUSTRAGEN: mich|uns austragen",
                        "KEINE SMS MEHR: keine|kein sms|nachrichten|nachricht|mails|emails|e_mails|umfragen|anrufe|werbung"
                                + "|texte|kurznachrichten|smss|benachrichtigungen|erinnerungen|spam mehr",
                        "KEINE WEITEREN SMS: keine weiteren|weitere sms|nachrichten|mails|emails|e_mails|umfragen|anrufe|werbung",
                        "NICHT MEHR SCHREIBEN: nicht mehr schreiben|anschreiben|kontaktieren|anrufen|belästigen|simsen|zuschicken"
                                + "|schicken|senden|nerven|stören|texten|mailen|anmailen",
                        "SCHREIBEN SIE MIR NICHT MEHR: schreiben|schicken|senden|kontaktieren|simsen|belästigen|nerven|texten|mailen sie|ihr?"
                                + " mir|mich|uns nicht_mehr|nie_wieder",
                        "HÖREN SIE AUF ZU SCHREIBEN: hör|hört|hören|hoer|hoert|hoeren sie|ihr|doch|bitte? auf ,? mir|mich|uns? … zu"
                                + " schreiben|simsen|senden|schicken|kontaktieren|belästigen|nerven|texten"
                                + "|mailen|spammen",
                        "AUFHÖREN ZU SCHREIBEN: aufhören|aufhoeren ,? mir|mich|uns? … zu schreiben|simsen|senden|schicken|kontaktieren"
                                + "|belästigen|nerven|texten|mailen|spammen",
                        "LASSEN SIE MICH IN RUHE: lassen|lasst|lass sie|ihr? mich|uns in ruhe",
                        "LÖSCHEN SIE MICH: löschen|loeschen|entfernen|streichen sie? mich|uns|meine_nummer|meine_daten"
                                + "|meine_telefonnummer",
                        "STOPP SMS: stopp|stop sms|nachrichten|werbung|umfragen"),
                List.of(
                        "stopp|stop",
                        "ende",
                        "schluss",
                        "aufhören|aufhoeren",
                        "hör|hört|hören|hoer|hoert|hoeren sie|ihr? damit|endlich|doch|jetzt|bitte? auf",
                        "beenden",
                        "genug",
                        "es_reicht|reicht"),
                "bitte jetzt sofort danke endlich schon ok okay es damit mal doch alles nun hallo aber und also"
                        + " dann umgehend ja",
                "zu am zum im das der die dem den des ein eine einen einem ohne bis kein keine ich wir werde"
                        + " wird würde ans vom",
                "nicht kein keine nie niemals",
                "mich uns will möchte wollen möchten bitte jetzt doch wirklich zu bloß ja",
                "mir mich uns sms nachrichten mails umfragen immer weiter ständig dauernd damit bitte doch"
                        + " endlich jetzt",
                "anmelden anmeldung angemeldet bestellen bestellung anmelde"));
        add(new Table("es",
                List.of(
                        "desuscribir|desuscribirme|desuscribirse|desuscríbanme|desuscríbeme|desuscribo"
                                + "|desuscripción|desuscribirnos|desinscribir|desinscribirme",
                        "DARME DE BAJA: darme|darse|dar|denme|deme|dame|den|doy|darnos de baja",
                        "NO ME ESCRIBAN: no me|nos escriban|escribas|escriba|manden|mandes|mande|envíen|envíes|envíe"
                                + "|contacten|contactes|contacte|llamen|llames|llame|molesten|molestes|moleste"
                                + " más|mas?",
                        "NO MÁS MENSAJES: no más|mas mensajes|sms|encuestas|correos|textos|llamadas|emails|mails"
                                + "|notificaciones|publicidad|spam|whatsapps|mensajitos",
                        "DEJEN DE ESCRIBIRME: dejen|deja|dejad|deje|dejar|paren|para|pare|parar|basta de escribirme|enviarme"
                                + "|mandarme|molestarme|contactarme|llamarme|escribir|enviar|mandar|molestar"
                                + "|spamear|acosarme|escribirnos|enviarnos|mensajes|sms|encuestas",
                        "NO QUIERO MENSAJES: no quiero|queremos|deseo|deseamos … recibir|mensajes|sms|encuestas|correos|textos"
                                + "|llamadas",
                        "BÓRRENME: bórrenme|bórrame|elimínenme|elimíname",
                        "SÁQUENME DE LA LISTA: sáquenme|sácame|quítenme|quítame de la|su|sus|esta? lista|listas|base",
                        "BORREN MI NÚMERO: borren|borre|eliminen|elimine|quiten|quite|borrar|eliminar mi|mis número|datos"
                                + "|teléfono",
                        "DÉJENME EN PAZ: déjenme|déjame en_paz|tranquilo|tranquila",
                        "PAREN LOS MENSAJES: stop|parar|paren|pare|alto|basta|detener|detengan … mensajes|sms|encuestas|publicidad"
                                + "|spam|correos",
                        "CANCELAR SUSCRIPCIÓN: cancelar|cancelen|cancela|cancele|anular|anulen … suscripción|mensajes|sms|encuestas"
                                + "|envíos|notificaciones"),
                List.of(
                        "parar|paren|pare|para",
                        "alto",
                        "basta|basta_ya|ya_basta",
                        "baja|de_baja",
                        "cancelar|cancelen|cancela",
                        "detener|deténganse|detengan|detente",
                        "fin",
                        "no_más"),
                "por favor porfa porfavor xfa gracias ya ahora inmediatamente ok todo hola pero y así entonces",
                "el la los las un una al del de sin en muy más mas tan lo para a se me por voy va vamos iba es"
                        + " fue era",
                "no nunca jamás ni tampoco",
                "quiero queremos deseo me nos se voy a vamos ya más volver puedo",
                "más mas seguir sus estos estas ningún ninguna ya me la mi los las el su tus a de tantos tantas",
                "suscribir suscribirme suscribirse suscripción inscribir inscribirme"));
    }

    private OptOutLexicon() {
    }

    /**
     * @param code an ISO 639 language code
     * @return that language's tables, or {@code null} when it has none
     */
    static Table table(String code) {
        return TABLES.get(code);
    }

    private static void add(Table table) {
        TABLES.put(table.code(), table);
    }
}
