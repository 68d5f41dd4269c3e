package io.slaflow.jobs.report;

import io.slaflow.names.HeaderText;
import io.slaflow.names.SafeName;
import io.slaflow.report.ClientReport;
import jakarta.activation.DataHandler;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.util.Date;
import java.util.List;
import java.util.Properties;

/** E-mail to the client's report contacts: the HTML report as the body, the PDF attached. */
public final class SmtpChannel implements DeliveryChannel {
    private final SmtpSettings settings;
    private final Session session;

    public SmtpChannel(SmtpSettings settings) {
        this.settings = settings;
        Properties p = new Properties();
        String proto = settings.security() == SmtpSettings.Security.TLS ? "smtps" : "smtp";
        p.put("mail.transport.protocol", proto);
        p.put("mail." + proto + ".host", settings.host());
        p.put("mail." + proto + ".port", Integer.toString(settings.port()));
        p.put("mail." + proto + ".connectiontimeout", Integer.toString(settings.timeoutMs()));
        p.put("mail." + proto + ".timeout", Integer.toString(settings.timeoutMs()));
        p.put("mail." + proto + ".writetimeout", Integer.toString(settings.timeoutMs()));
        if (settings.security() == SmtpSettings.Security.STARTTLS) {
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", "true");
        }
        Authenticator auth = null;
        if (settings.user() != null) {
            p.put("mail." + proto + ".auth", "true");
            auth = new Authenticator() {
                @Override
                protected PasswordAuthentication getPasswordAuthentication() {
                    return new PasswordAuthentication(settings.user(), settings.password());
                }
            };
        }
        this.session = Session.getInstance(p, auth);
    }

    @Override
    public String name() {
        return "smtp";
    }

    @Override
    public List<String> recipients(ClientReport report) {
        return report.client().contacts();
    }

    @Override
    public void deliver(ClientReport report, ReportArtifacts artifacts) throws MessagingException {
        if (report.client().contacts().isEmpty()) {
            throw new MessagingException(
                    "client " + SafeName.of(report.client().id()) + " has no report contacts in the policy");
        }
        Transport.send(message(report, artifacts));
    }

    /** The mail of one report, as it goes out: every header value that holds outside text is a single line. */
    MimeMessage message(ClientReport report, ReportArtifacts artifacts) throws MessagingException {
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress(settings.from(), true));
        for (String to : report.client().contacts())
            m.addRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
        // Every header value that holds outside text loses its line breaks (HeaderText): a client name or id with
        // CR/LF must not add headers, or recipients nobody chose (Bcc:), to the message.
        m.setSubject(HeaderText.of(ReportHtml.title(report)), "UTF-8");
        m.setSentDate(new Date());
        // the report's delivery key (the client's safe name, ASCII) lets a receiving system recognise a repeat
        m.setHeader("X-SLAflow-Report", report.deliveryKey());

        MimeBodyPart body = new MimeBodyPart();
        body.setContent(artifacts.html(), "text/html; charset=UTF-8");
        MimeBodyPart pdf = new MimeBodyPart();
        pdf.setDataHandler(new DataHandler(new ByteArrayDataSource(artifacts.pdf(), "application/pdf")));
        pdf.setFileName(ReportFiles.baseName(report) + ".pdf");
        MimeMultipart mixed = new MimeMultipart("mixed");
        mixed.addBodyPart(body);
        mixed.addBodyPart(pdf);
        m.setContent(mixed);
        return m;
    }
}
