package vn.digicell.notification.delivery.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import vn.digicell.notification.delivery.Deliveries;

/**
 * Delivery receipts from SMS and Zalo providers: no user token (public path), authenticated by the
 * shared secret in {@code X-Receipt-Secret}.
 */
@RestController
@RequestMapping("/api/notifications/delivery-receipts")
@Validated
class ReceiptsController {

  static final String SECRET_HEADER = "X-Receipt-Secret";

  private final Deliveries deliveries;

  ReceiptsController(Deliveries deliveries) {
    this.deliveries = deliveries;
  }

  record Receipt(
      @NotBlank @Size(max = 200) String messageId,
      @NotBlank @Pattern(regexp = "DELIVERED|FAILED") String status,
      @Size(max = 300) String reason) {}

  @PostMapping("/{channel}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void receipt(
      @PathVariable @Size(max = 16) String channel,
      @RequestHeader(name = SECRET_HEADER, required = false) String secret,
      @Valid @RequestBody Receipt receipt) {
    deliveries.receipt(
        channel,
        secret,
        receipt.messageId(),
        "DELIVERED".equals(receipt.status()),
        receipt.reason());
  }
}
