// Activities of the order pipeline example (workflows/order-pipeline.ts): validation, stock,
// payment (with a flaky gateway), shipping and the compensations that undo stock and payment.
import { activity } from 'flowy-ts';
import type { ActivityContext } from 'flowy-ts';

/** One line of an order. */
export interface OrderItem {
  sku: string;
  quantity: number;
}

/** The input of the pipeline. `shippingAddress: "nowhere"` makes shipping fail (to see compensation). */
export interface Order {
  orderId: string;
  items: OrderItem[];
  shippingAddress?: string;
}

/** JSON Schema of an order, shared by the workflow and its first activity. */
export const ORDER_SCHEMA = {
  type: 'object',
  required: ['orderId', 'items'],
  properties: {
    orderId: { type: 'string', minLength: 1 },
    items: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['sku', 'quantity'],
        properties: { sku: { type: 'string' }, quantity: { type: 'integer', minimum: 1 } },
      },
    },
    shippingAddress: { type: 'string' },
  },
} as const;

const PRICES: Record<string, number> = { book: 12.5, pen: 1.5, lamp: 40 };

/** An error whose `reason` is what SWF records (and what retry policies match on). */
class ReasonedError extends Error {
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = reason;
  }
}

/** Checks the order and prices it. */
@activity({ name: 'ValidateOrder', taskList: 'orders', startToCloseTimeout: 30, input: ORDER_SCHEMA })
export class ValidateOrder {
  async run(order: Order): Promise<{ orderId: string; total: number }> {
    const total = order.items.reduce((sum, item) => sum + (PRICES[item.sku] ?? 5) * item.quantity, 0);
    return { orderId: order.orderId, total: Math.round(total * 100) / 100 };
  }
}

/** Reserves stock for every item. */
@activity({ name: 'ReserveInventory', taskList: 'orders', startToCloseTimeout: 30 })
export class ReserveInventory {
  async run(order: Order): Promise<{ reservationId: string }> {
    return { reservationId: `res-${order.orderId}` };
  }
}

/**
 * Charges the customer. The payment gateway of this demo is flaky: the first two attempts fail
 * with PaymentGatewayUnavailable, the third succeeds (the workflow retries with backoff).
 */
@activity({ name: 'ChargePayment', taskList: 'orders', startToCloseTimeout: 30 })
export class ChargePayment {
  async run(
    input: { orderId: string; amount: number },
    context: ActivityContext,
  ): Promise<{ chargeId: string; amount: number; attempt: number }> {
    if (context.attempt < 3) {
      throw new ReasonedError(
        'PaymentGatewayUnavailable',
        `gateway timeout on attempt ${context.attempt} (the demo fails twice on purpose; the retry policy takes over)`,
      );
    }
    return { chargeId: `ch-${input.orderId}`, amount: input.amount, attempt: context.attempt };
  }
}

/** Hands the parcel to the carrier; the address "nowhere" is rejected (not retryable). */
@activity({ name: 'ShipOrder', taskList: 'orders', startToCloseTimeout: 30 })
export class ShipOrder {
  async run(input: {
    orderId: string;
    reservationId: string;
    shippingAddress?: string;
  }): Promise<{ trackingNumber: string }> {
    if (input.shippingAddress === 'nowhere') {
      throw new ReasonedError('AddressRejected', `carrier rejected the address "${input.shippingAddress}"`);
    }
    return { trackingNumber: `TRK-${input.orderId}` };
  }
}

/** Compensation of ChargePayment. */
@activity({ name: 'RefundPayment', taskList: 'orders', startToCloseTimeout: 30 })
export class RefundPayment {
  async run(input: { chargeId: string; amount: number }): Promise<{ refunded: number }> {
    return { refunded: input.amount };
  }
}

/** Compensation of ReserveInventory. */
@activity({ name: 'ReleaseInventory', taskList: 'orders', startToCloseTimeout: 30 })
export class ReleaseInventory {
  async run(input: { reservationId: string }): Promise<{ released: string }> {
    return { released: input.reservationId };
  }
}

/** Tells the customer. */
@activity({ name: 'SendConfirmation', taskList: 'orders', startToCloseTimeout: 30 })
export class SendConfirmation {
  async run(input: { orderId: string; trackingNumber: string }): Promise<{ sent: boolean }> {
    return { sent: input.trackingNumber.length > 0 };
  }
}
