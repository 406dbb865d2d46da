// The order pipeline: a DAG with two parallel branches (stock and payment) joined before
// shipping, a payment step that succeeds on its third attempt after exponential backoff, and
// compensation (refund, release) when shipping fails.
import { ActivityProxy, all, Workflow, workflow } from 'flowy-ts';
import {
  ChargePayment,
  ORDER_SCHEMA,
  RefundPayment,
  ReleaseInventory,
  ReserveInventory,
  SendConfirmation,
  ShipOrder,
  ValidateOrder,
} from '../activities/order-pipeline.ts';
import type { Order } from '../activities/order-pipeline.ts';

/** What a shipped order returns. */
export interface OrderReceipt {
  orderId: string;
  total: number;
  chargeId: string;
  paymentAttempts: number;
  reservationId: string;
  trackingNumber: string;
}

/** Thrown after compensating: the order could not be completed and nothing is left charged or held. */
export class OrderFailed extends Error {
  override name = 'OrderFailed';
}

/** validate → (reserve ∥ charge) → ship → confirm; refund and release if shipping fails. */
@workflow({ name: 'OrderPipeline', taskList: 'orders', executionStartToCloseTimeout: 600, input: ORDER_SCHEMA })
export class OrderPipeline extends Workflow<Order, OrderReceipt> {
  validate = ActivityProxy(ValidateOrder);
  reserve = ActivityProxy(ReserveInventory);
  charge = ActivityProxy(ChargePayment, {
    retry: { maxAttempts: 4, initialInterval: 1, backoffCoefficient: 2, maxInterval: 4 },
  });
  ship = ActivityProxy(ShipOrder, { retry: { maxAttempts: 3, initialInterval: 1, nonRetryable: ['AddressRejected'] } });
  refund = ActivityProxy(RefundPayment, { retry: { maxAttempts: 5, initialInterval: 1 } });
  release = ActivityProxy(ReleaseInventory, { retry: { maxAttempts: 5, initialInterval: 1 } });
  confirm = ActivityProxy(SendConfirmation);

  async run(order: Order): Promise<OrderReceipt> {
    const { total } = await this.validate(order);
    // Two branches in parallel; the join waits for both.
    const [reservation, payment] = await all([
      this.reserve(order),
      this.charge({ orderId: order.orderId, amount: total }),
    ]);
    let trackingNumber: string;
    try {
      ({ trackingNumber } = await this.ship({
        orderId: order.orderId,
        reservationId: reservation.reservationId,
        shippingAddress: order.shippingAddress,
      }));
    } catch (error) {
      // Compensate what the earlier steps did, both at once.
      await all([
        this.refund({ chargeId: payment.chargeId, amount: payment.amount }),
        this.release({ reservationId: reservation.reservationId }),
      ]);
      const why = error instanceof Error ? error.message : String(error);
      throw new OrderFailed(`order ${order.orderId} not shipped (${why}); payment refunded and stock released`);
    }
    await this.confirm({ orderId: order.orderId, trackingNumber });
    return {
      orderId: order.orderId,
      total,
      chargeId: payment.chargeId,
      paymentAttempts: payment.attempt,
      reservationId: reservation.reservationId,
      trackingNumber,
    };
  }
}
